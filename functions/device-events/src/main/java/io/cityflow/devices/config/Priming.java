package io.cityflow.devices.config;

import io.cityflow.devices.AlarmState;
import io.cityflow.devices.AlertRules;
import io.cityflow.devices.Device;
import io.cityflow.devices.DeviceEvent;
import io.cityflow.devices.DeviceEventParser;
import io.cityflow.devices.RuleEvaluator;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the event path's pure code on constant events: parsing, the per-type checks and the rule
 * evaluation of a reading that raises an alarm, one that clears it, an alarm and its clearing.
 * Nothing is stored or sent: the evaluator works on in-memory states. Once at a cold start, while
 * the database connection opens, so that the classes are loaded when the first event comes; many
 * times before a SnapStart snapshot, so that the methods are compiled in it.
 */
final class Priming {
  /** No device has this id (ids are registered by operators; this one breaks no rule). */
  static final String DEVICE_ID = "priming-0000";

  /** Rounds before a snapshot: enough for the JIT compiler to take the hot methods. */
  static final int SNAPSHOT_ROUNDS = 500;

  private static final String[] EVENTS = {
    event("dustbin", "p-1", "00:00:00Z", "\"readings\":{\"fillLevel\":95.5,\"battery\":80}"),
    event("dustbin", "p-2", "00:01:00Z", "\"readings\":{\"fillLevel\":96,\"battery\":80}"),
    event("dustbin", "p-3", "00:02:00Z", "\"readings\":{\"fillLevel\":10.0,\"battery\":80}"),
    event(
        "traffic-light",
        "p-4",
        "00:00:00Z",
        "\"alarm\":{\"code\":\"lamp-failure\",\"severity\":\"major\"}"),
    event(
        "traffic-light",
        "p-5",
        "00:01:00Z",
        "\"alarm\":{\"code\":\"lamp-failure\",\"severity\":\"cleared\"}"),
    event(
        "smoke-sensor",
        "p-6",
        "00:00:00Z",
        "\"alarm\":{\"code\":\"fire\",\"severity\":\"critical\"}")
  };

  private Priming() {}

  private static String event(String type, String eventId, String time, String body) {
    return "{\"deviceId\":\""
        + DEVICE_ID
        + "\",\"deviceType\":\""
        + type
        + "\",\"eventId\":\""
        + eventId
        + "\",\"occurredAt\":\"2026-01-01T"
        + time
        + "\","
        + body
        + "}";
  }

  /** Returns how many signals the constant events produced (each round the same). */
  static int exercise(DeviceEventParser parser, AlertRules rules, int rounds) {
    RuleEvaluator evaluator = new RuleEvaluator(rules);
    int signals = 0;
    for (int round = 0; round < rounds; round++) {
      Map<String, Map<String, AlarmState>> states = new HashMap<>();
      for (String json : EVENTS) {
        DeviceEvent event = parser.parse(json);
        if (rules.check(event).isPresent()) {
          throw new IllegalStateException("a priming event breaks the rules: " + json);
        }
        rules.mayRaiseEmergency(event);
        Device device = new Device(DEVICE_ID, event.deviceType(), "priming", "priming", null, null);
        signals +=
            evaluator
                .evaluate(
                    event,
                    device,
                    states.computeIfAbsent(event.deviceType().wireName(), type -> new HashMap<>()))
                .signals()
                .size();
      }
    }
    return signals / rounds;
  }
}
