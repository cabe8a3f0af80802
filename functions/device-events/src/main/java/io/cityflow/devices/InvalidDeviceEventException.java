package io.cityflow.devices;

/** Thrown by the parser for an event that breaks the contract. */
public final class InvalidDeviceEventException extends RuntimeException {
  private final transient Rejection rejection;

  public InvalidDeviceEventException(Rejection rejection) {
    super(rejection.describe(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
