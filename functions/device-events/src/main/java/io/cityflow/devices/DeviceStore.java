package io.cityflow.devices;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The device registry, the de-duplication ledger and the alarm states. Port. */
public interface DeviceStore {

  /**
   * Runs {@code work} in one transaction, committed when it returns and rolled back if it throws.
   */
  <T> T inTransaction(Function<DeviceTransaction, T> work);

  /** The hash of the device's ingest key, if the device is registered. */
  Optional<String> keyHash(String deviceId);

  /** Adds the devices that are not registered yet; returns how many were added. */
  int register(List<DeviceRegistration> devices);

  /** Forgets de-duplication entries received before {@code cutoff}; returns how many. */
  int forgetEventsReceivedBefore(Instant cutoff);
}
