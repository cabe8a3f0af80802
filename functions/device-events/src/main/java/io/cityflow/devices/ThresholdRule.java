package io.cityflow.devices;

/**
 * Raises {@code alarmType} when {@code reading} crosses {@code raise}, and clears it only when the
 * reading has come back past {@code clear}. The gap between the two is the hysteresis band: inside
 * it nothing changes, so a value hovering at the threshold does not flap.
 */
public record ThresholdRule(
    String alarmType,
    String reading,
    Direction direction,
    double raise,
    double clear,
    Priority priority) {

  /** Whether the alarm is raised by high values (fill level) or by low ones (battery). */
  public enum Direction {
    ABOVE,
    BELOW
  }

  /** Where a value falls relative to the two thresholds. */
  public enum Level {
    RAISE,
    BAND,
    CLEAR
  }

  public ThresholdRule {
    boolean banded = direction == Direction.ABOVE ? clear < raise : clear > raise;
    if (!banded) {
      throw new IllegalArgumentException(
          "rule "
              + alarmType
              + ": the clear threshold must lie on the safe side of the raise threshold");
    }
  }

  public Level level(double value) {
    if (direction == Direction.ABOVE) {
      return value >= raise ? Level.RAISE : value <= clear ? Level.CLEAR : Level.BAND;
    }
    return value <= raise ? Level.RAISE : value >= clear ? Level.CLEAR : Level.BAND;
  }
}
