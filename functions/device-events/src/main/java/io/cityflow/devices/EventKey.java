package io.cityflow.devices;

/**
 * Identifies an event for de-duplication: event ids are unique per device.
 *
 * <p>{@code equals} and {@code hashCode} are written out: a record's generated ones bootstrap
 * through method handles on first use, which costs a Lambda cold start tens of milliseconds, and
 * every batch hashes these keys.
 */
public record EventKey(String deviceId, String eventId) {

  @Override
  public boolean equals(Object other) {
    return other instanceof EventKey key
        && deviceId.equals(key.deviceId)
        && eventId.equals(key.eventId);
  }

  @Override
  public int hashCode() {
    return 31 * deviceId.hashCode() + eventId.hashCode();
  }
}
