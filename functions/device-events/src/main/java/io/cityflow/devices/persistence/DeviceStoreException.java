package io.cityflow.devices.persistence;

/** A database failure in the device store: transient from the caller's point of view. */
public final class DeviceStoreException extends RuntimeException {
  public DeviceStoreException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
