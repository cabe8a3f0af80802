package io.cityflow.devices;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The operations of one store transaction. Each is one round trip for a whole batch. */
public interface DeviceTransaction {

  /**
   * Starts a batch of events with distinct keys: locks their devices, records in the ledger the
   * events whose device is registered with their type, moves those devices' sightings forward by
   * the events that were new, and reads the alarm states of the devices with new events. Stores
   * that can do it in fewer round trips override this composition of the operations below.
   */
  default BatchStart begin(List<DeviceEvent> events, Instant receivedAt) {
    Set<String> ids = new TreeSet<>();
    events.forEach(event -> ids.add(event.deviceId()));
    Map<String, Device> devices = lockDevices(ids);
    List<DeviceEvent> known = new ArrayList<>(events.size());
    for (DeviceEvent event : events) {
      Device device = devices.get(event.deviceId());
      if (device != null && device.type() == event.deviceType()) {
        known.add(event);
      }
    }
    Set<EventKey> fresh = known.isEmpty() ? Set.of() : recordNewEvents(known, receivedAt);
    Map<String, DeviceSighting> sightings = new LinkedHashMap<>();
    for (DeviceEvent event : known) {
      if (fresh.contains(event.key())) {
        sightings.merge(
            event.deviceId(),
            new DeviceSighting(
                event.deviceId(),
                event.occurredAt(),
                event.hasReadings() ? event.occurredAt() : null),
            DeviceSighting::latest);
      }
    }
    if (sightings.isEmpty()) {
      return new BatchStart(devices, fresh, new HashMap<>());
    }
    recordSightings(sightings.values());
    return new BatchStart(devices, fresh, alarmStates(sightings.keySet()));
  }

  /**
   * The registered devices among {@code ids}, locked until the transaction ends so that concurrent
   * handlers apply one device's events one batch at a time.
   */
  Map<String, Device> lockDevices(Collection<String> ids);

  /**
   * Records the events in the de-duplication ledger and returns the keys that were not there yet.
   * The events' keys are distinct.
   */
  Set<EventKey> recordNewEvents(List<DeviceEvent> events, Instant receivedAt);

  /** The alarm states of the devices: device id, then alarm type. */
  Map<String, Map<String, AlarmState>> alarmStates(Collection<String> deviceIds);

  /** Inserts or updates the states. */
  void saveAlarmStates(Collection<AlarmState> states);

  /** Moves the devices' last-seen times forward. */
  void recordSightings(Collection<DeviceSighting> sightings);

  /**
   * Devices of {@code type} last seen before {@code cutoff} whose offline alarm is not active,
   * locked, at most {@code limit}.
   */
  List<Device> lockSilentDevices(DeviceType type, Instant cutoff, int limit);
}
