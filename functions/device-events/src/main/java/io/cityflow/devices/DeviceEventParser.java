package io.cityflow.devices;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses and strictly validates the device event contract ({@code docs/device-events.schema.json}).
 *
 * <p>It streams over the JSON instead of binding it, because this is the hot path of the ingest
 * function. Unknown fields, duplicate keys, wrong types, a missing or doubled body ({@code
 * readings} xor {@code alarm}) and timestamps too far in the future are all rejected with the field
 * named. Per-type checks (which readings and alarm codes a type may send) are done by {@link
 * AlertRules}.
 */
public final class DeviceEventParser {

  /** Largest accepted event, in bytes of UTF-8. */
  public static final int MAX_EVENT_BYTES = 8 * 1024;

  static final int MAX_READINGS = 32;
  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
  private static final Pattern READING_NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,39}");
  private static final Pattern ALARM_CODE = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  private final JsonFactory json;
  private final Clock clock;
  private final Duration maxClockSkew;

  public DeviceEventParser(Clock clock, Duration maxClockSkew) {
    this.clock = clock;
    this.maxClockSkew = maxClockSkew;
    this.json =
        JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(4).maxStringLength(1024).build())
            .build();
  }

  public DeviceEvent parse(String body) {
    if (body == null || body.isBlank()) {
      throw invalid("empty-event", null, "the event body is empty");
    }
    if (body.length() > MAX_EVENT_BYTES
        || body.getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
      throw invalid("too-large", null, "the event is larger than " + MAX_EVENT_BYTES + " bytes");
    }
    try (JsonParser p = json.createParser(body)) {
      DeviceEvent event = readEvent(p);
      if (p.nextToken() != null) {
        throw invalid("malformed-json", null, "content follows the event object");
      }
      return event;
    } catch (JsonParseException e) {
      throw invalid("malformed-json", null, e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("malformed-json", null, e.getMessage());
    }
  }

  private DeviceEvent readEvent(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw invalid("invalid-field", "/", "the event must be a JSON object");
    }
    String deviceId = null;
    String deviceType = null;
    String eventId = null;
    String occurredAt = null;
    Map<String, Double> readings = null;
    DeviceAlarm alarm = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "deviceId" -> deviceId = text(p, value, "/deviceId");
        case "deviceType" -> deviceType = text(p, value, "/deviceType");
        case "eventId" -> eventId = text(p, value, "/eventId");
        case "occurredAt" -> occurredAt = text(p, value, "/occurredAt");
        case "readings" -> readings = readReadings(p, value);
        case "alarm" -> alarm = readAlarm(p, value);
        default -> throw invalid("unknown-field", "/" + name, "the contract has no such field");
      }
    }
    DeviceType type = validateHeader(deviceId, deviceType, eventId);
    Instant at = parseTime(occurredAt);
    if ((readings == null) == (alarm == null)) {
      throw invalid(
          "invalid-field", "/readings", "an event carries exactly one of readings and alarm");
    }
    return new DeviceEvent(deviceId, type, eventId, at, readings, alarm);
  }

  private DeviceType validateHeader(String deviceId, String deviceType, String eventId) {
    require(deviceId, "/deviceId");
    require(deviceType, "/deviceType");
    require(eventId, "/eventId");
    if (!DEVICE_ID.matcher(deviceId).matches()) {
      throw invalid("invalid-field", "/deviceId", "must be 1-64 letters, digits, '.', '_' or '-'");
    }
    if (!EVENT_ID.matcher(eventId).matches()) {
      throw invalid(
          "invalid-field", "/eventId", "must be 1-100 letters, digits, '.', '_', ':' or '-'");
    }
    return DeviceType.fromWireName(deviceType)
        .orElseThrow(
            () ->
                invalid(
                    "invalid-field", "/deviceType", "unknown device type '" + deviceType + "'"));
  }

  private Instant parseTime(String occurredAt) {
    require(occurredAt, "/occurredAt");
    Instant at;
    try {
      at = Rfc3339.parse(occurredAt);
    } catch (DateTimeException e) {
      throw invalid("invalid-field", "/occurredAt", "must be an RFC 3339 date-time with an offset");
    }
    if (at.isAfter(clock.instant().plus(maxClockSkew))) {
      throw invalid(
          "invalid-field", "/occurredAt", "lies more than " + maxClockSkew + " in the future");
    }
    return at;
  }

  private Map<String, Double> readReadings(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      throw invalid("invalid-field", "/readings", "must be an object");
    }
    Map<String, Double> readings = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      String pointer = "/readings/" + name;
      if (!READING_NAME.matcher(name).matches()) {
        throw invalid("invalid-field", pointer, "a reading name is camelCase, up to 40 characters");
      }
      JsonToken token = p.nextToken();
      double number =
          switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> 1.0;
            case VALUE_FALSE -> 0.0;
            default -> throw invalid("invalid-field", pointer, "must be a number or a boolean");
          };
      if (!Double.isFinite(number)) {
        throw invalid("invalid-field", pointer, "must be finite");
      }
      readings.put(name, number);
      if (readings.size() > MAX_READINGS) {
        throw invalid("invalid-field", "/readings", "at most " + MAX_READINGS + " readings");
      }
    }
    if (readings.isEmpty()) {
      throw invalid("invalid-field", "/readings", "must hold at least one reading");
    }
    return readings;
  }

  private DeviceAlarm readAlarm(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      throw invalid("invalid-field", "/alarm", "must be an object");
    }
    String code = null;
    String severity = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken token = p.nextToken();
      switch (name) {
        case "code" -> code = text(p, token, "/alarm/code");
        case "severity" -> severity = text(p, token, "/alarm/severity");
        default ->
            throw invalid("unknown-field", "/alarm/" + name, "an alarm has code and severity");
      }
    }
    require(code, "/alarm/code");
    require(severity, "/alarm/severity");
    if (!ALARM_CODE.matcher(code).matches()) {
      throw invalid("invalid-field", "/alarm/code", "must be kebab-case, up to 40 characters");
    }
    String severityName = severity;
    Severity parsed =
        Severity.fromWireName(severity)
            .orElseThrow(
                () ->
                    invalid(
                        "invalid-field",
                        "/alarm/severity",
                        "unknown severity '" + severityName + "'"));
    return new DeviceAlarm(code, parsed);
  }

  private static String text(JsonParser p, JsonToken token, String pointer) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw invalid("invalid-field", pointer, "must be a string");
    }
    return p.getText();
  }

  private static void require(String value, String pointer) {
    if (value == null) {
      throw invalid("missing-field", pointer, "is required");
    }
  }

  private static InvalidDeviceEventException invalid(String code, String field, String detail) {
    return new InvalidDeviceEventException(Rejection.of(code, field, detail));
  }
}
