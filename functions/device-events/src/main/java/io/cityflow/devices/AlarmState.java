package io.cityflow.devices;

import java.time.Instant;

/**
 * The lifecycle of one alarm type on one device, the unit that maps to one maintenance case. While
 * {@code active}, repeats are counted here instead of opening new cases. {@code lastEventAt} is the
 * time of the newest event applied to it: older events do not change it.
 */
public record AlarmState(
    String deviceId,
    String alarmType,
    boolean active,
    Priority priority,
    String raisedEventId,
    Instant raisedAt,
    Instant clearedAt,
    String lastEventId,
    Instant lastEventAt,
    int repeatCount) {

  public static AlarmState raised(
      String deviceId, String alarmType, Priority priority, String eventId, Instant at) {
    return new AlarmState(deviceId, alarmType, true, priority, eventId, at, null, eventId, at, 0);
  }

  public AlarmState raisedAgain(Priority newPriority, String eventId, Instant at) {
    return raised(deviceId, alarmType, newPriority, eventId, at);
  }

  public AlarmState repeated(String eventId, Instant at) {
    return new AlarmState(
        deviceId,
        alarmType,
        true,
        priority,
        raisedEventId,
        raisedAt,
        clearedAt,
        eventId,
        at,
        repeatCount + 1);
  }

  public AlarmState cleared(String eventId, Instant at) {
    return new AlarmState(
        deviceId,
        alarmType,
        false,
        priority,
        raisedEventId,
        raisedAt,
        at,
        eventId,
        at,
        repeatCount);
  }

  /** Whether an event at {@code at} is older than what this state already reflects. */
  public boolean isNewerThan(Instant at) {
    return lastEventAt != null && at.isBefore(lastEventAt);
  }
}
