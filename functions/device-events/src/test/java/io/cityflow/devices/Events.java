package io.cityflow.devices;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds event JSON for tests, and reads the recorded samples under {@code events/}. */
public final class Events {
  private Events() {}

  public static String readings(
      String deviceId, String type, String eventId, Instant at, String readingsJson) {
    return "{\"deviceId\":\""
        + deviceId
        + "\",\"deviceType\":\""
        + type
        + "\",\"eventId\":\""
        + eventId
        + "\",\"occurredAt\":\""
        + at
        + "\",\"readings\":"
        + readingsJson
        + "}";
  }

  public static String fill(String deviceId, String eventId, Instant at, double level) {
    return readings(deviceId, "dustbin", eventId, at, "{\"fillLevel\":" + level + "}");
  }

  public static String alarm(
      String deviceId, String type, String eventId, Instant at, String code, String severity) {
    return "{\"deviceId\":\""
        + deviceId
        + "\",\"deviceType\":\""
        + type
        + "\",\"eventId\":\""
        + eventId
        + "\",\"occurredAt\":\""
        + at
        + "\",\"alarm\":{\"code\":\""
        + code
        + "\",\"severity\":\""
        + severity
        + "\"}}";
  }

  public static String sample(String name) {
    try (InputStream in = Events.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded event " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static AlertRules defaultRules() {
    try (InputStream in = Events.class.getResourceAsStream("/devices/alert-rules.json")) {
      return AlertRules.fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
