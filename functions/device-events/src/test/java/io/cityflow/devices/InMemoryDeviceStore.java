package io.cityflow.devices;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** A store for unit tests: whole-store copy-on-write gives rollback on failure. */
public final class InMemoryDeviceStore implements DeviceStore {
  private Map<String, Device> devices = new HashMap<>();
  private Map<String, String> keys = new HashMap<>();
  private Set<EventKey> events = new HashSet<>();
  private Map<String, Map<String, AlarmState>> alarms = new HashMap<>();

  public synchronized void add(String id, DeviceType type, String key) {
    devices.put(id, new Device(id, type, "test location", "xingqing", null, null));
    keys.put(id, DeviceKeys.hash(key));
  }

  public synchronized Optional<AlarmState> alarm(String deviceId, String alarmType) {
    return Optional.ofNullable(alarms.getOrDefault(deviceId, Map.of()).get(alarmType));
  }

  public synchronized Device device(String id) {
    return devices.get(id);
  }

  public synchronized int eventCount() {
    return events.size();
  }

  @Override
  public synchronized <T> T inTransaction(Function<DeviceTransaction, T> work) {
    Map<String, Device> devicesBefore = new HashMap<>(devices);
    Set<EventKey> eventsBefore = new HashSet<>(events);
    Map<String, Map<String, AlarmState>> alarmsBefore = deepCopy(alarms);
    try {
      return work.apply(new Tx());
    } catch (RuntimeException e) {
      devices = devicesBefore;
      events = eventsBefore;
      alarms = alarmsBefore;
      throw e;
    }
  }

  @Override
  public synchronized Optional<String> keyHash(String deviceId) {
    return Optional.ofNullable(keys.get(deviceId));
  }

  @Override
  public synchronized int register(List<DeviceRegistration> registrations) {
    int added = 0;
    for (DeviceRegistration r : registrations) {
      if (!devices.containsKey(r.id())) {
        devices.put(r.id(), new Device(r.id(), r.type(), r.location(), r.zone(), null, null));
        keys.put(r.id(), r.keyHash());
        added++;
      }
    }
    return added;
  }

  @Override
  public int forgetEventsReceivedBefore(Instant cutoff) {
    return 0;
  }

  private static Map<String, Map<String, AlarmState>> deepCopy(
      Map<String, Map<String, AlarmState>> source) {
    Map<String, Map<String, AlarmState>> copy = new HashMap<>();
    source.forEach((k, v) -> copy.put(k, new HashMap<>(v)));
    return copy;
  }

  private final class Tx implements DeviceTransaction {
    @Override
    public Map<String, Device> lockDevices(Collection<String> ids) {
      Map<String, Device> found = new HashMap<>();
      ids.forEach(id -> Optional.ofNullable(devices.get(id)).ifPresent(d -> found.put(id, d)));
      return found;
    }

    @Override
    public Set<EventKey> recordNewEvents(List<DeviceEvent> batch, Instant receivedAt) {
      Set<EventKey> fresh = new HashSet<>();
      for (DeviceEvent event : batch) {
        if (events.add(event.key())) {
          fresh.add(event.key());
        }
      }
      return fresh;
    }

    @Override
    public Map<String, Map<String, AlarmState>> alarmStates(Collection<String> deviceIds) {
      Map<String, Map<String, AlarmState>> found = new HashMap<>();
      deviceIds.forEach(
          id -> {
            if (alarms.containsKey(id)) {
              found.put(id, new HashMap<>(alarms.get(id)));
            }
          });
      return found;
    }

    @Override
    public void saveAlarmStates(Collection<AlarmState> states) {
      states.forEach(
          s -> alarms.computeIfAbsent(s.deviceId(), id -> new HashMap<>()).put(s.alarmType(), s));
    }

    @Override
    public void recordSightings(Collection<DeviceSighting> sightings) {
      for (DeviceSighting s : sightings) {
        Device d = devices.get(s.deviceId());
        Instant seen = later(d.lastSeenAt(), s.seenAt());
        Instant readings = later(d.lastReadingsAt(), s.readingsAt());
        devices.put(d.id(), new Device(d.id(), d.type(), d.location(), d.zone(), seen, readings));
      }
    }

    @Override
    public List<Device> lockSilentDevices(DeviceType type, Instant cutoff, int limit) {
      List<Device> silent = new ArrayList<>();
      for (Device d : devices.values()) {
        AlarmState offline = alarms.getOrDefault(d.id(), Map.of()).get(AlertRules.OFFLINE);
        if (d.type() == type
            && d.lastSeenAt() != null
            && d.lastSeenAt().isBefore(cutoff)
            && (offline == null || !offline.active())
            && silent.size() < limit) {
          silent.add(d);
        }
      }
      return silent;
    }
  }

  private static Instant later(Instant a, Instant b) {
    if (b == null) {
      return a;
    }
    return a == null || b.isAfter(a) ? b : a;
  }
}
