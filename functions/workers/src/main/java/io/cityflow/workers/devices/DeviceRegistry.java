package io.cityflow.workers.devices;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: read access to the device registry that the device-events function keeps (its tables share
 * the case database). The workers never write it.
 */
public interface DeviceRegistry {
  Optional<Device> find(String deviceId);

  /**
   * A registered device and its asset data.
   *
   * @param zone the location class (school, hospital, residential, …)
   * @param activeAlarms the alarm types currently raised on it
   */
  record Device(
      String deviceId,
      String type,
      String location,
      String zone,
      Instant registeredAt,
      @Nullable Instant lastSeenAt,
      List<String> activeAlarms) {}
}
