package io.cityflow.devices;

import java.time.Instant;

/**
 * The newest times a batch saw a device at, to move its last-seen clock forward (never back).
 * {@code readingsAt} is {@code null} when the batch had no readings from it.
 */
public record DeviceSighting(String deviceId, Instant seenAt, Instant readingsAt) {

  /** The later of two sightings of one device, time by time. */
  public static DeviceSighting latest(DeviceSighting a, DeviceSighting b) {
    return new DeviceSighting(
        a.deviceId(), later(a.seenAt(), b.seenAt()), later(a.readingsAt(), b.readingsAt()));
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
