package io.cityflow.devices.bench;

import io.cityflow.devices.AlarmState;
import io.cityflow.devices.BatchStart;
import io.cityflow.devices.Device;
import io.cityflow.devices.DeviceEvent;
import io.cityflow.devices.DeviceRegistration;
import io.cityflow.devices.DeviceSighting;
import io.cityflow.devices.DeviceStore;
import io.cityflow.devices.DeviceTransaction;
import io.cityflow.devices.DeviceType;
import io.cityflow.devices.EventKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Wraps a store and adds up the wall time of each operation, to show where a batch goes. With
 * {@code oneStatementPerOperation}, a batch starts the way the store interface composes it (lock,
 * ledger, sightings, states: four statements) instead of the store's own {@code begin}.
 */
final class TimedStore implements DeviceStore {
  private final DeviceStore store;
  private final boolean oneStatementPerOperation;
  private final Map<String, LongAdder> nanos = new TreeMap<>();

  TimedStore(DeviceStore store, boolean oneStatementPerOperation) {
    this.store = store;
    this.oneStatementPerOperation = oneStatementPerOperation;
    for (String op :
        List.of(
            "transaction",
            "begin",
            "lockDevices",
            "recordNewEvents",
            "alarmStates",
            "saveAlarmStates",
            "recordSightings")) {
      nanos.put(op, new LongAdder());
    }
  }

  void reset() {
    nanos.values().forEach(LongAdder::reset);
  }

  String report() {
    StringBuilder json = new StringBuilder("{");
    nanos.forEach(
        (op, n) -> {
          if (json.length() > 1) {
            json.append(',');
          }
          json.append('"').append(op).append("\":").append(n.sum() / 1_000_000);
        });
    return json.append('}').toString();
  }

  private <T> T time(String op, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      nanos.get(op).add(System.nanoTime() - start);
    }
  }

  @Override
  public <T> T inTransaction(Function<DeviceTransaction, T> work) {
    return time("transaction", () -> store.inTransaction(tx -> work.apply(new TimedTx(tx))));
  }

  @Override
  public Optional<String> keyHash(String deviceId) {
    return store.keyHash(deviceId);
  }

  @Override
  public int register(List<DeviceRegistration> devices) {
    return store.register(devices);
  }

  @Override
  public int forgetEventsReceivedBefore(Instant cutoff) {
    return store.forgetEventsReceivedBefore(cutoff);
  }

  private final class TimedTx implements DeviceTransaction {
    private final DeviceTransaction tx;

    TimedTx(DeviceTransaction tx) {
      this.tx = tx;
    }

    @Override
    public BatchStart begin(List<DeviceEvent> events, Instant receivedAt) {
      return time(
          "begin",
          () ->
              oneStatementPerOperation
                  ? DeviceTransaction.super.begin(events, receivedAt)
                  : tx.begin(events, receivedAt));
    }

    @Override
    public Map<String, Device> lockDevices(Collection<String> ids) {
      return time("lockDevices", () -> tx.lockDevices(ids));
    }

    @Override
    public java.util.Set<EventKey> recordNewEvents(List<DeviceEvent> events, Instant receivedAt) {
      return time("recordNewEvents", () -> tx.recordNewEvents(events, receivedAt));
    }

    @Override
    public Map<String, Map<String, AlarmState>> alarmStates(Collection<String> deviceIds) {
      return time("alarmStates", () -> tx.alarmStates(deviceIds));
    }

    @Override
    public void saveAlarmStates(Collection<AlarmState> states) {
      time(
          "saveAlarmStates",
          () -> {
            tx.saveAlarmStates(states);
            return null;
          });
    }

    @Override
    public void recordSightings(Collection<DeviceSighting> sightings) {
      time(
          "recordSightings",
          () -> {
            tx.recordSightings(sightings);
            return null;
          });
    }

    @Override
    public List<Device> lockSilentDevices(DeviceType type, Instant cutoff, int limit) {
      return tx.lockSilentDevices(type, cutoff, limit);
    }
  }
}
