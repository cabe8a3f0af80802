package io.cityflow.devices;

import java.time.Instant;
import java.util.Map;

/**
 * One validated device event. Exactly one of {@code readings} (measurement name to value) and
 * {@code alarm} is present; the other is {@code null}.
 */
public record DeviceEvent(
    String deviceId,
    DeviceType deviceType,
    String eventId,
    Instant occurredAt,
    Map<String, Double> readings,
    DeviceAlarm alarm) {

  public boolean hasReadings() {
    return readings != null;
  }

  public EventKey key() {
    return new EventKey(deviceId, eventId);
  }
}
