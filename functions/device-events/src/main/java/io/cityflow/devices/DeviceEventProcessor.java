package io.cityflow.devices;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one core behind every entry point (SQS, HTTP, MQTT): parse and validate, de-duplicate against
 * the ledger, evaluate the rules, and hand the signals off in one batch.
 *
 * <p>A batch costs a handful of database round trips however many events it holds. Events that may
 * raise an emergency are taken out of the batch and go first, in a small transaction of their own,
 * so a fire never waits behind ordinary readings. Each event gets its own {@link Outcome}; a
 * rejected event never affects the others, and a transient failure fails only its sub-batch.
 */
public final class DeviceEventProcessor {

  private final DeviceEventParser parser;
  private final AlertRules rules;
  private final RuleEvaluator evaluator;
  private final DeviceStore store;
  private final AlertPublisher publisher;
  private final Clock clock;

  public DeviceEventProcessor(
      DeviceEventParser parser,
      AlertRules rules,
      DeviceStore store,
      AlertPublisher publisher,
      Clock clock) {
    this.parser = parser;
    this.rules = rules;
    this.evaluator = new RuleEvaluator(rules);
    this.store = store;
    this.publisher = publisher;
    this.clock = clock;
  }

  public Outcome processOne(IncomingEvent event) {
    return process(List.of(event)).get(0);
  }

  /** Processes a batch; the outcomes are in the order of {@code batch}. */
  public List<Outcome> process(List<IncomingEvent> batch) {
    Outcome[] outcomes = new Outcome[batch.size()];
    List<Indexed> emergencies = new ArrayList<>();
    List<Indexed> ordinary = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      IncomingEvent incoming = batch.get(i);
      DeviceEvent event;
      try {
        event = parser.parse(incoming.body());
      } catch (InvalidDeviceEventException e) {
        outcomes[i] = Outcome.rejected(e.rejection(), null);
        continue;
      }
      var problem = rules.check(event);
      if (problem.isPresent()) {
        outcomes[i] = Outcome.rejected(problem.get(), event);
      } else if (incoming.expectedDeviceId() != null
          && !incoming.expectedDeviceId().equals(event.deviceId())) {
        outcomes[i] =
            Outcome.rejected(
                Rejection.of(
                    "device-mismatch",
                    "/deviceId",
                    "the event names another device than its sender"),
                event);
      } else if (rules.mayRaiseEmergency(event)) {
        emergencies.add(new Indexed(i, event));
      } else {
        ordinary.add(new Indexed(i, event));
      }
    }
    if (!emergencies.isEmpty()) {
      apply(emergencies, outcomes);
    }
    if (!ordinary.isEmpty()) {
      apply(ordinary, outcomes);
    }
    return Arrays.asList(outcomes);
  }

  private void apply(List<Indexed> events, Outcome[] outcomes) {
    try {
      store.inTransaction(tx -> applyInTransaction(tx, events, outcomes));
    } catch (RuntimeException e) {
      log().warn("Could not apply {} device events; they will be retried", events.size(), e);
      String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      for (Indexed indexed : events) {
        Outcome previous = outcomes[indexed.index()];
        if (previous == null || previous.status() != Outcome.Status.REJECTED) {
          outcomes[indexed.index()] = Outcome.failed(indexed.event(), failure);
        }
      }
    }
  }

  private Void applyInTransaction(DeviceTransaction tx, List<Indexed> events, Outcome[] outcomes) {
    List<Indexed> distinct = new ArrayList<>(events.size());
    Set<EventKey> seenInBatch = new HashSet<>();
    for (Indexed indexed : events) {
      if (seenInBatch.add(indexed.event().key())) {
        distinct.add(indexed);
      } else {
        outcomes[indexed.index()] = Outcome.of(Outcome.Status.DUPLICATE, indexed.event());
      }
    }
    BatchStart start = tx.begin(distinct.stream().map(Indexed::event).toList(), clock.instant());
    List<Indexed> toEvaluate = new ArrayList<>(start.fresh().size());
    for (Indexed indexed : distinct) {
      DeviceEvent event = indexed.event();
      Device device = start.devices().get(event.deviceId());
      if (device == null) {
        outcomes[indexed.index()] =
            Outcome.rejected(
                Rejection.of("unknown-device", "/deviceId", "no device is registered as this id"),
                event);
      } else if (device.type() != event.deviceType()) {
        outcomes[indexed.index()] =
            Outcome.rejected(
                Rejection.of(
                    "device-type-mismatch",
                    "/deviceType",
                    "the device is registered as a " + device.type().wireName()),
                event);
      } else if (start.fresh().contains(event.key())) {
        toEvaluate.add(indexed);
      } else {
        outcomes[indexed.index()] = Outcome.of(Outcome.Status.DUPLICATE, event);
      }
    }
    if (toEvaluate.isEmpty()) {
      return null;
    }
    toEvaluate.sort(Comparator.comparing(i -> i.event().occurredAt()));
    Map<String, Map<String, AlarmState>> states = start.states();
    // The devices as the batch moves them, event by event, so that each event is judged
    // against the ones before it; the store has already recorded where they end up.
    Map<String, Device> current = new HashMap<>(start.devices());
    Map<AlarmKey, AlarmState> changed = new LinkedHashMap<>();
    List<Signal> signals = new ArrayList<>();
    for (Indexed indexed : toEvaluate) {
      DeviceEvent event = indexed.event();
      Device device = current.get(event.deviceId());
      RuleEvaluator.Result result =
          evaluator.evaluate(
              event, device, states.computeIfAbsent(event.deviceId(), id -> new HashMap<>()));
      outcomes[indexed.index()] =
          Outcome.of(result.stale() ? Outcome.Status.STALE : Outcome.Status.ACCEPTED, event);
      for (AlarmState state : result.changed()) {
        changed.put(new AlarmKey(state.deviceId(), state.alarmType()), state);
      }
      signals.addAll(result.signals());
      current.put(device.id(), seen(device, event));
    }
    if (!changed.isEmpty()) {
      tx.saveAlarmStates(changed.values());
    }
    if (!signals.isEmpty()) {
      publisher.publish(coalesceRepeats(signals));
    }
    return null;
  }

  /**
   * Keeps only the last repeat of each alarm between two other signals of it: fifty repeats in one
   * batch become one message that carries the count.
   */
  static List<Signal> coalesceRepeats(List<Signal> signals) {
    List<Signal> out = new ArrayList<>(signals.size());
    Map<String, Integer> pendingRepeat = new HashMap<>();
    for (Signal signal : signals) {
      String key = signal.correlationKey();
      Integer pending = pendingRepeat.remove(key);
      if (signal.kind() == Signal.Kind.REPEAT) {
        if (pending != null) {
          out.set(pending, signal);
          pendingRepeat.put(key, pending);
        } else {
          pendingRepeat.put(key, out.size());
          out.add(signal);
        }
      } else {
        out.add(signal);
      }
    }
    return out;
  }

  private static Device seen(Device device, DeviceEvent event) {
    Instant at = event.occurredAt();
    Instant seen = later(device.lastSeenAt(), at);
    Instant readings =
        event.hasReadings() ? later(device.lastReadingsAt(), at) : device.lastReadingsAt();
    return new Device(device.id(), device.type(), device.location(), device.zone(), seen, readings);
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  private record Indexed(int index, DeviceEvent event) {}

  /**
   * With {@code equals} and {@code hashCode} written out, for the reason {@link EventKey} gives.
   */
  private record AlarmKey(String deviceId, String alarmType) {
    @Override
    public boolean equals(Object other) {
      return other instanceof AlarmKey key
          && deviceId.equals(key.deviceId)
          && alarmType.equals(key.alarmType);
    }

    @Override
    public int hashCode() {
      return 31 * deviceId.hashCode() + alarmType.hashCode();
    }
  }

  /**
   * The logger, looked up when something is logged: SLF4J finds its provider by scanning the class
   * path, which a Lambda cold start should not pay for before its first event.
   */
  private static Logger log() {
    return LoggerFactory.getLogger(DeviceEventProcessor.class);
  }
}
