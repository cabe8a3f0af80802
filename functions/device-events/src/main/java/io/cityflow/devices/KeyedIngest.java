package io.cityflow.devices;

/**
 * Ingest for transports that authenticate the device with its per-device key (HTTP for gateways and
 * local use). An unknown device and a wrong key get the same answer, so that the endpoint does not
 * reveal which devices exist.
 */
public final class KeyedIngest {
  private final DeviceStore store;
  private final DeviceEventProcessor processor;

  public KeyedIngest(DeviceStore store, DeviceEventProcessor processor) {
    this.store = store;
    this.processor = processor;
  }

  public Outcome ingest(String deviceId, String key, String body) {
    String hash = store.keyHash(deviceId).orElse(null);
    if (!DeviceKeys.matches(key, hash)) {
      return Outcome.rejected(
          Rejection.of("unauthorized", null, "a valid device key is required for this device"),
          null);
    }
    return processor.processOne(new IncomingEvent(body, deviceId));
  }
}
