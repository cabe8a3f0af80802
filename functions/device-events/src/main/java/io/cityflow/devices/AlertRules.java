package io.cityflow.devices;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The alert rules of all device types, loaded from configuration ({@code devices/alert-rules.json}
 * by default) rather than written in code, so that operators can tune thresholds without a release.
 */
public final class AlertRules {

  /** The alarm type the heartbeat check raises for a silent device. */
  public static final String OFFLINE = "offline";

  private final Map<DeviceType, DeviceTypeRules> byType;

  public AlertRules(Map<DeviceType, DeviceTypeRules> byType) {
    for (DeviceType type : DeviceType.values()) {
      if (!byType.containsKey(type)) {
        throw new IllegalArgumentException("no alert rules for device type " + type.wireName());
      }
    }
    this.byType = new EnumMap<>(byType);
  }

  public DeviceTypeRules of(DeviceType type) {
    return byType.get(type);
  }

  /** Checks what the schema cannot: the readings and alarm codes this device type may send. */
  public Optional<Rejection> check(DeviceEvent event) {
    DeviceTypeRules rules = of(event.deviceType());
    if (event.hasReadings()) {
      for (String name : event.readings().keySet()) {
        if (!rules.readings().contains(name)) {
          return Optional.of(
              Rejection.of(
                  "invalid-field",
                  "/readings/" + name,
                  "a " + event.deviceType().wireName() + " does not report '" + name + "'"));
        }
      }
    } else if (!rules.alarms().containsKey(event.alarm().code())) {
      return Optional.of(
          Rejection.of(
              "invalid-field",
              "/alarm/code",
              "a "
                  + event.deviceType().wireName()
                  + " has no alarm '"
                  + event.alarm().code()
                  + "'"));
    }
    return Optional.empty();
  }

  /** Whether the event could raise an emergency, so that it must be handed off before others. */
  public boolean mayRaiseEmergency(DeviceEvent event) {
    DeviceTypeRules rules = of(event.deviceType());
    if (!event.hasReadings()) {
      AlarmCodeRule rule = rules.alarms().get(event.alarm().code());
      return rule != null
          && rule.priority() == Priority.EMERGENCY
          && event.alarm().severity() != Severity.CLEARED;
    }
    for (ThresholdRule rule : rules.thresholds()) {
      Double value = event.readings().get(rule.reading());
      if (rule.priority() == Priority.EMERGENCY
          && value != null
          && rule.level(value) == ThresholdRule.Level.RAISE) {
        return true;
      }
    }
    return false;
  }

  /**
   * Loads the rules from JSON; see {@code docs/device-events.md} for the format. It reads with
   * Jackson's streaming parser into plain maps and lists rather than through {@code ObjectMapper}:
   * the rules are read at every cold start, and the data binder alone is some 300 classes.
   */
  public static AlertRules fromJson(InputStream json) {
    try (JsonParser parser = new JsonFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the alert rules are not a JSON object");
      }
      Map<DeviceType, DeviceTypeRules> byType = new EnumMap<>(DeviceType.class);
      for (Map.Entry<String, Object> entry : object(read(parser), "the alert rules").entrySet()) {
        DeviceType type =
            DeviceType.fromWireName(entry.getKey())
                .orElseThrow(
                    () -> new IllegalArgumentException("unknown device type " + entry.getKey()));
        byType.put(type, typeRules(type, object(entry.getValue(), entry.getKey())));
      }
      return new AlertRules(byType);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the alert rules", e);
    }
  }

  /** The value at the parser's current token: a map, a list, a string, a double or a boolean. */
  private static Object read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.put(name, read(parser));
        }
        return object;
      }
      case START_ARRAY -> {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(read(parser));
        }
        return array;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return parser.getDoubleValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return token == JsonToken.VALUE_TRUE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IllegalArgumentException("unexpected " + token + " in the alert rules");
    }
  }

  private static DeviceTypeRules typeRules(DeviceType type, Map<String, Object> node) {
    Set<String> readings = new LinkedHashSet<>();
    for (Object reading : array(node, "readings")) {
      readings.add(String.valueOf(reading));
    }
    List<ThresholdRule> thresholds = new ArrayList<>();
    for (Object item : array(node, "thresholds")) {
      Map<String, Object> t = object(item, type.wireName() + " threshold");
      ThresholdRule rule =
          new ThresholdRule(
              text(t, "alarmType"),
              text(t, "reading"),
              ThresholdRule.Direction.valueOf(text(t, "when").toUpperCase(Locale.ROOT)),
              number(t, "raise"),
              number(t, "clear"),
              Priority.fromWireName(text(t, "priority", "normal")));
      if (!readings.contains(rule.reading())) {
        throw new IllegalArgumentException(
            type.wireName() + ": threshold on undeclared reading " + rule.reading());
      }
      thresholds.add(rule);
    }
    Map<String, AlarmCodeRule> alarms = new LinkedHashMap<>();
    for (Object item : array(node, "alarms")) {
      Map<String, Object> a = object(item, type.wireName() + " alarm");
      String code = text(a, "code");
      alarms.put(
          code,
          new AlarmCodeRule(
              code,
              text(a, "alarmType", code),
              Priority.fromWireName(text(a, "priority", "normal"))));
    }
    return new DeviceTypeRules(
        type,
        Duration.parse(text(node, "offlineAfter")),
        Priority.fromWireName(text(node, "offlinePriority", "normal")),
        Set.copyOf(readings),
        List.copyOf(thresholds),
        Map.copyOf(alarms));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException(what + " must be a JSON object: " + value);
  }

  private static List<?> array(Map<String, Object> node, String field) {
    Object value = node.get(field);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list;
    }
    throw new IllegalArgumentException("'" + field + "' must be a JSON array: " + node);
  }

  private static String text(Map<String, Object> node, String field) {
    Object value = node.get(field);
    if (value == null) {
      throw new IllegalArgumentException("alert rule lacks '" + field + "': " + node);
    }
    return String.valueOf(value);
  }

  private static String text(Map<String, Object> node, String field, String defaultValue) {
    Object value = node.get(field);
    return value == null ? defaultValue : String.valueOf(value);
  }

  private static double number(Map<String, Object> node, String field) {
    Object value = node.get(field);
    if (value instanceof Double number) {
      return number;
    }
    throw new IllegalArgumentException("alert rule lacks the number '" + field + "': " + node);
  }
}
