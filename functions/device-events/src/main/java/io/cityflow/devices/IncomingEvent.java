package io.cityflow.devices;

/**
 * A raw event as it arrived. {@code expectedDeviceId} is the device the transport vouches for (the
 * MQTT topic, the authenticated HTTP device) and must match the body; {@code null} when the
 * transport vouches for none (SQS fed by IoT Core rules).
 */
public record IncomingEvent(String body, String expectedDeviceId) {

  public static IncomingEvent of(String body) {
    return new IncomingEvent(body, null);
  }
}
