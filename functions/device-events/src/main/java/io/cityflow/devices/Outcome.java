package io.cityflow.devices;

/** What happened to one incoming event. */
public record Outcome(
    Status status, String deviceId, String eventId, Rejection rejection, String failure) {

  /** The fates of an event. Only {@link #FAILED} is worth retrying. */
  public enum Status {
    /** New, applied to the device state; it may have produced signals. */
    ACCEPTED,
    /** Seen before (same device and event id): nothing changed. */
    DUPLICATE,
    /** New, but older than the device's known state: recorded, and it changed nothing. */
    STALE,
    /** Breaks the contract or comes from an unknown device: never retry. */
    REJECTED,
    /** A transient failure (database, engine): retry later. */
    FAILED
  }

  public static Outcome of(Status status, DeviceEvent event) {
    return new Outcome(status, event.deviceId(), event.eventId(), null, null);
  }

  public static Outcome rejected(Rejection rejection, DeviceEvent event) {
    return new Outcome(
        Status.REJECTED,
        event == null ? null : event.deviceId(),
        event == null ? null : event.eventId(),
        rejection,
        null);
  }

  public static Outcome failed(DeviceEvent event, String failure) {
    return new Outcome(Status.FAILED, event.deviceId(), event.eventId(), null, failure);
  }
}
