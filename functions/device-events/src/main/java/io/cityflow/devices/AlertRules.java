package io.cityflow.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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

  /** Loads the rules from JSON; see {@code docs/device-events.md} for the format. */
  public static AlertRules fromJson(InputStream json) {
    try {
      JsonNode root = new ObjectMapper().readTree(json);
      Map<DeviceType, DeviceTypeRules> byType = new EnumMap<>(DeviceType.class);
      Iterator<Map.Entry<String, JsonNode>> types = root.fields();
      while (types.hasNext()) {
        Map.Entry<String, JsonNode> entry = types.next();
        DeviceType type =
            DeviceType.fromWireName(entry.getKey())
                .orElseThrow(
                    () -> new IllegalArgumentException("unknown device type " + entry.getKey()));
        byType.put(type, typeRules(type, entry.getValue()));
      }
      return new AlertRules(byType);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the alert rules", e);
    }
  }

  private static DeviceTypeRules typeRules(DeviceType type, JsonNode node) {
    Set<String> readings = new LinkedHashSet<>();
    node.path("readings").forEach(r -> readings.add(r.asText()));
    List<ThresholdRule> thresholds = new ArrayList<>();
    for (JsonNode t : node.path("thresholds")) {
      ThresholdRule rule =
          new ThresholdRule(
              required(t, "alarmType").asText(),
              required(t, "reading").asText(),
              ThresholdRule.Direction.valueOf(required(t, "when").asText().toUpperCase()),
              required(t, "raise").asDouble(),
              required(t, "clear").asDouble(),
              Priority.fromWireName(t.path("priority").asText("normal")));
      if (!readings.contains(rule.reading())) {
        throw new IllegalArgumentException(
            type.wireName() + ": threshold on undeclared reading " + rule.reading());
      }
      thresholds.add(rule);
    }
    Map<String, AlarmCodeRule> alarms = new LinkedHashMap<>();
    for (JsonNode a : node.path("alarms")) {
      String code = required(a, "code").asText();
      alarms.put(
          code,
          new AlarmCodeRule(
              code,
              a.path("alarmType").asText(code),
              Priority.fromWireName(a.path("priority").asText("normal"))));
    }
    return new DeviceTypeRules(
        type,
        Duration.parse(required(node, "offlineAfter").asText()),
        Priority.fromWireName(node.path("offlinePriority").asText("normal")),
        Set.copyOf(readings),
        List.copyOf(thresholds),
        Map.copyOf(alarms));
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("alert rule lacks '" + field + "': " + node);
    }
    return value;
  }
}
