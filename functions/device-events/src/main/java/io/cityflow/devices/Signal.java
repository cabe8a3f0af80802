package io.cityflow.devices;

import java.time.Instant;

/**
 * What the rules hand off to workflows: an alert opens a maintenance case, a repeat is counted on
 * the open one, a recovery closes it if no technician has been dispatched. {@code messageId} is the
 * id of the event that caused it.
 */
public record Signal(
    Kind kind,
    String deviceId,
    DeviceType deviceType,
    String alarmType,
    Priority priority,
    String messageId,
    Instant occurredAt,
    int repeatCount,
    String zone,
    String location,
    String cause) {

  /** The three messages of the alert lifecycle. */
  public enum Kind {
    ALERT,
    REPEAT,
    RECOVERY
  }

  /** The correlation key of the case: {@code deviceId:alarmType}. */
  public String correlationKey() {
    return deviceId + ":" + alarmType;
  }
}
