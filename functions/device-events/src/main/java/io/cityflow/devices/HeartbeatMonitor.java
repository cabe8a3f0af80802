package io.cityflow.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds devices that have gone silent for longer than their type allows and raises their {@code
 * offline} alarm; the device's next event recovers it (see {@link RuleEvaluator}). Run on a
 * schedule: an EventBridge rule on AWS, a Micronaut scheduled bean locally. Devices never heard
 * from are not judged: they may not be installed yet.
 */
public final class HeartbeatMonitor {

  /** What one sweep did. */
  public record Sweep(int offline, int forgottenEvents) {}

  private final AlertRules rules;
  private final DeviceStore store;
  private final AlertPublisher publisher;
  private final Clock clock;
  private final Duration dedupRetention;
  private final int limit;

  public HeartbeatMonitor(
      AlertRules rules,
      DeviceStore store,
      AlertPublisher publisher,
      Clock clock,
      Duration dedupRetention,
      int limit) {
    this.rules = rules;
    this.store = store;
    this.publisher = publisher;
    this.clock = clock;
    this.dedupRetention = dedupRetention;
    this.limit = limit;
  }

  public Sweep sweep() {
    Instant now = clock.instant();
    int offline = 0;
    for (DeviceType type : DeviceType.values()) {
      DeviceTypeRules typeRules = rules.of(type);
      Instant cutoff = now.minus(typeRules.offlineAfter());
      offline += store.inTransaction(tx -> markOffline(tx, type, typeRules, cutoff));
    }
    int forgotten = store.forgetEventsReceivedBefore(now.minus(dedupRetention));
    return new Sweep(offline, forgotten);
  }

  private int markOffline(
      DeviceTransaction tx, DeviceType type, DeviceTypeRules typeRules, Instant cutoff) {
    List<Device> silent = tx.lockSilentDevices(type, cutoff, limit);
    if (silent.isEmpty()) {
      return 0;
    }
    Map<String, Map<String, AlarmState>> states =
        tx.alarmStates(silent.stream().map(Device::id).toList());
    List<AlarmState> changed = new ArrayList<>();
    List<Signal> signals = new ArrayList<>();
    for (Device device : silent) {
      // The offline "event" happened when the device was last heard of: only a later event
      // recovers.
      Instant lastSeen = device.lastSeenAt();
      String eventId = "offline-" + device.id() + "-" + lastSeen.toEpochMilli();
      Map<String, AlarmState> byType = states.getOrDefault(device.id(), new HashMap<>());
      AlarmState previous = byType.get(AlertRules.OFFLINE);
      AlarmState next =
          previous == null
              ? AlarmState.raised(
                  device.id(), AlertRules.OFFLINE, typeRules.offlinePriority(), eventId, lastSeen)
              : previous.raisedAgain(typeRules.offlinePriority(), eventId, lastSeen);
      // One list per device: record() replaces an earlier change of the same alarm type in it,
      // which across devices would drop every offline state but the last.
      List<AlarmState> changedOfDevice = new ArrayList<>(1);
      RuleEvaluator.record(
          next,
          Signal.Kind.ALERT,
          eventId,
          lastSeen,
          device,
          "silent since " + lastSeen,
          byType,
          signals,
          changedOfDevice);
      changed.addAll(changedOfDevice);
    }
    tx.saveAlarmStates(changed);
    publisher.publish(signals);
    return silent.size();
  }
}
