package io.cityflow.devices;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The operations of one store transaction. Each is one round trip for a whole batch. */
public interface DeviceTransaction {

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
