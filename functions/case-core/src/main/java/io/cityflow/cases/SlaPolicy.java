package io.cityflow.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * SLA targets in working time per case type and priority, and when to warn: once {@link
 * #WARN_AT_FRACTION} of the target has been used.
 */
public final class SlaPolicy {
  public static final double WARN_AT_FRACTION = 0.75;

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = BusinessCalendar.WORKING_DAY;

  private final Map<CaseType, Map<Priority, Duration>> targets = new EnumMap<>(CaseType.class);

  /** The city's standard targets. */
  public SlaPolicy() {
    put(
        CaseType.HOTLINE_TICKET,
        HOUR.multipliedBy(4),
        DAY,
        DAY.multipliedBy(3),
        DAY.multipliedBy(5));
    put(
        CaseType.APPROVAL_APPLICATION,
        DAY.multipliedBy(3),
        DAY.multipliedBy(5),
        DAY.multipliedBy(10),
        DAY.multipliedBy(20));
    put(
        CaseType.COMMUNITY_SERVICE_REQUEST,
        HOUR.multipliedBy(2),
        HOUR.multipliedBy(4),
        DAY.multipliedBy(2),
        DAY.multipliedBy(3));
    put(
        CaseType.DEVICE_MAINTENANCE,
        HOUR.multipliedBy(2),
        HOUR.multipliedBy(4),
        DAY,
        DAY.multipliedBy(3));
  }

  private void put(CaseType type, Duration urgent, Duration high, Duration normal, Duration low) {
    Map<Priority, Duration> byPriority = new EnumMap<>(Priority.class);
    byPriority.put(Priority.URGENT, urgent);
    byPriority.put(Priority.HIGH, high);
    byPriority.put(Priority.NORMAL, normal);
    byPriority.put(Priority.LOW, low);
    targets.put(type, byPriority);
  }

  /** The working time a case of this type and priority may take. */
  public Duration target(CaseType type, Priority priority) {
    return targets.get(type).get(priority);
  }

  /** Due and warning instants for a case that starts now. */
  public SlaDeadlines deadlines(
      BusinessCalendar calendar, CaseType type, Priority priority, Instant start) {
    Duration target = target(type, priority);
    Duration warnAfter = Duration.ofSeconds((long) (target.toSeconds() * WARN_AT_FRACTION));
    return new SlaDeadlines(
        calendar.addWorkingTime(start, target), calendar.addWorkingTime(start, warnAfter));
  }

  /** When a case is due, and when to warn that it soon will be. */
  public record SlaDeadlines(Instant dueAt, Instant warnAt) {}
}
