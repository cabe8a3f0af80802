package io.cityflow.devices.persistence;

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
import io.cityflow.devices.Priority;
import io.cityflow.devices.Rfc3339;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The device store on plain JDBC, for PostgreSQL and H2. Every batch operation is one statement: on
 * PostgreSQL the rows travel as arrays through {@code unnest}, which writes hundreds of rows per
 * round trip; on H2 (local and tests only) JDBC batches do the same job.
 */
public final class JdbcDeviceStore implements DeviceStore {

  private static final String DEVICE_COLUMNS =
      "id, type, location, zone, last_seen_at, last_readings_at";

  private final DataSource dataSource;
  private final boolean postgres;

  /** Asks the database which it is, so it needs a connection at once. */
  public JdbcDeviceStore(DataSource dataSource) {
    this(dataSource, isPostgres(dataSource));
  }

  /**
   * Trusts the caller to know the database (from its JDBC URL), so that construction needs no
   * connection: the Lambda handler opens its one connection while it does other work.
   */
  public JdbcDeviceStore(DataSource dataSource, boolean postgres) {
    this.dataSource = dataSource;
    this.postgres = postgres;
  }

  private static boolean isPostgres(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return connection
          .getMetaData()
          .getDatabaseProductName()
          .toLowerCase(Locale.ROOT)
          .contains("postgres");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the device database", e);
    }
  }

  @Override
  public <T> T inTransaction(Function<DeviceTransaction, T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        T result = work.apply(new Tx(connection));
        connection.commit();
        return result;
      } catch (RuntimeException | Error e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new DeviceStoreException("device store transaction failed", e);
    }
  }

  @Override
  public Optional<String> keyHash(String deviceId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("select key_hash from device where id = ?")) {
      select.setString(1, deviceId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DeviceStoreException("cannot read the device key", e);
    }
  }

  @Override
  public int register(List<DeviceRegistration> devices) {
    if (devices.isEmpty()) {
      return 0;
    }
    return inTransaction(
        tx -> {
          Connection connection = ((Tx) tx).connection;
          try {
            Set<String> existing = new HashSet<>();
            try (PreparedStatement select =
                connection.prepareStatement("select id from device where id = any(?)")) {
              select.setArray(
                  1, varchars(connection, devices.stream().map(DeviceRegistration::id).toList()));
              try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                  existing.add(rows.getString(1));
                }
              }
            }
            int added = 0;
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "insert into device (id, type, location, zone, key_hash, registered_at)"
                        + " values (?, ?, ?, ?, ?, ?)")) {
              OffsetDateTime now = time(Instant.now());
              for (DeviceRegistration device : devices) {
                if (existing.add(device.id())) {
                  insert.setString(1, device.id());
                  insert.setString(2, device.type().wireName());
                  insert.setString(3, device.location());
                  insert.setString(4, device.zone());
                  insert.setString(5, device.keyHash());
                  insert.setObject(6, now);
                  insert.addBatch();
                  added++;
                }
              }
              if (added > 0) {
                insert.executeBatch();
              }
            }
            return added;
          } catch (SQLException e) {
            throw new DeviceStoreException("cannot register devices", e);
          }
        });
  }

  @Override
  public int forgetEventsReceivedBefore(Instant cutoff) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("delete from device_event where received_at < ?")) {
      setTime(delete, 1, cutoff);
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw new DeviceStoreException("cannot forget old events", e);
    }
  }

  private final class Tx implements DeviceTransaction {
    private final Connection connection;

    private Tx(Connection connection) {
      this.connection = connection;
    }

    @Override
    public BatchStart begin(List<DeviceEvent> events, Instant receivedAt) {
      if (!postgres || events.isEmpty()) {
        return DeviceTransaction.super.begin(events, receivedAt);
      }
      try {
        return beginInOneStatement(events, receivedAt);
      } catch (SQLException e) {
        throw new DeviceStoreException("cannot start the batch", e);
      }
    }

    /**
     * Locks the devices (in id order, so concurrent batches cannot deadlock), records the events
     * whose device is registered with their type, and moves the sightings of the devices with new
     * events, in one statement. The locked rows are the devices as they were, since a statement's
     * unreferenced data-modifying part runs after its query. The alarm states are read by a second
     * statement: under read committed only a statement that starts after the locks are held sees
     * what the batch that held them before committed.
     */
    private BatchStart beginInOneStatement(List<DeviceEvent> events, Instant receivedAt)
        throws SQLException {
      int n = events.size();
      String[] devices = new String[n];
      String[] types = new String[n];
      String[] ids = new String[n];
      String[] times = new String[n];
      Boolean[] readings = new Boolean[n];
      for (int i = 0; i < n; i++) {
        DeviceEvent event = events.get(i);
        devices[i] = event.deviceId();
        types[i] = event.deviceType().wireName();
        ids[i] = event.eventId();
        times[i] = Rfc3339.format(event.occurredAt());
        readings[i] = event.hasReadings();
      }
      String sql =
          "with v as (select * from unnest(?::varchar[], ?::varchar[], ?::varchar[],"
              + " ?::timestamptz[], ?::boolean[]) as v(device_id, type, event_id, occurred_at,"
              + " readings)),"
              + " l as (select "
              + DEVICE_COLUMNS
              + " from device where id in (select device_id from v) order by id for update),"
              + " e as (insert into device_event (device_id, event_id, occurred_at, received_at)"
              + " select v.device_id, v.event_id, v.occurred_at, ? from v"
              + " join l on l.id = v.device_id and l.type = v.type"
              + " on conflict do nothing returning device_id, event_id, occurred_at),"
              + " s as (update device d set last_seen_at = greatest(d.last_seen_at, m.seen),"
              + " last_readings_at = greatest(d.last_readings_at, m.readings)"
              + " from (select e.device_id, max(e.occurred_at) as seen,"
              + " max(e.occurred_at) filter (where v.readings) as readings"
              + " from e join v on v.device_id = e.device_id and v.event_id = e.event_id"
              + " group by e.device_id) m where d.id = m.device_id)"
              + " select "
              + DEVICE_COLUMNS
              + ", null as event_id from l"
              + " union all select device_id, null, null, null, null, null, event_id from e";
      Map<String, Device> locked = new HashMap<>();
      Set<EventKey> fresh = new HashSet<>();
      Set<String> withFresh = new HashSet<>();
      try (PreparedStatement start = connection.prepareStatement(sql)) {
        start.setArray(1, connection.createArrayOf("varchar", devices));
        start.setArray(2, connection.createArrayOf("varchar", types));
        start.setArray(3, connection.createArrayOf("varchar", ids));
        start.setArray(4, connection.createArrayOf("varchar", times));
        start.setArray(5, connection.createArrayOf("boolean", readings));
        setTime(start, 6, receivedAt);
        try (ResultSet rows = start.executeQuery()) {
          while (rows.next()) {
            String eventId = rows.getString("event_id");
            if (eventId == null) {
              Device device = device(rows);
              locked.put(device.id(), device);
            } else {
              fresh.add(new EventKey(rows.getString("id"), eventId));
              withFresh.add(rows.getString("id"));
            }
          }
        }
      }
      Map<String, Map<String, AlarmState>> states =
          withFresh.isEmpty() ? new HashMap<>() : alarmStates(withFresh);
      return new BatchStart(locked, fresh, states);
    }

    @Override
    public Map<String, Device> lockDevices(Collection<String> ids) {
      String sql =
          "select " + DEVICE_COLUMNS + " from device where id = any(?) order by id for update";
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setArray(1, varchars(connection, ids));
        Map<String, Device> devices = new HashMap<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            Device device = device(rows);
            devices.put(device.id(), device);
          }
        }
        return devices;
      } catch (SQLException e) {
        throw new DeviceStoreException("cannot lock devices", e);
      }
    }

    @Override
    public Set<EventKey> recordNewEvents(List<DeviceEvent> events, Instant receivedAt) {
      try {
        return postgres
            ? insertReturningNew(events, receivedAt)
            : insertMissing(events, receivedAt);
      } catch (SQLException e) {
        throw new DeviceStoreException("cannot record events", e);
      }
    }

    private Set<EventKey> insertReturningNew(List<DeviceEvent> events, Instant receivedAt)
        throws SQLException {
      int n = events.size();
      String[] devices = new String[n];
      String[] ids = new String[n];
      String[] times = new String[n];
      for (int i = 0; i < n; i++) {
        DeviceEvent event = events.get(i);
        devices[i] = event.deviceId();
        ids[i] = event.eventId();
        times[i] = Rfc3339.format(event.occurredAt());
      }
      String sql =
          "insert into device_event (device_id, event_id, occurred_at, received_at)"
              + " select d, e, o::timestamptz, ?"
              + " from unnest(?::varchar[], ?::varchar[], ?::varchar[]) as t(d, e, o)"
              + " on conflict do nothing returning device_id, event_id";
      try (PreparedStatement insert = connection.prepareStatement(sql)) {
        setTime(insert, 1, receivedAt);
        insert.setArray(2, connection.createArrayOf("varchar", devices));
        insert.setArray(3, connection.createArrayOf("varchar", ids));
        insert.setArray(4, connection.createArrayOf("varchar", times));
        Set<EventKey> fresh = new HashSet<>();
        try (ResultSet rows = insert.executeQuery()) {
          while (rows.next()) {
            fresh.add(new EventKey(rows.getString(1), rows.getString(2)));
          }
        }
        return fresh;
      }
    }

    private Set<EventKey> insertMissing(List<DeviceEvent> events, Instant receivedAt)
        throws SQLException {
      Set<EventKey> known = new HashSet<>();
      try (PreparedStatement select =
          connection.prepareStatement(
              "select device_id, event_id from device_event where event_id = any(?)")) {
        select.setArray(
            1, varchars(connection, events.stream().map(DeviceEvent::eventId).toList()));
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            known.add(new EventKey(rows.getString(1), rows.getString(2)));
          }
        }
      }
      Set<EventKey> fresh = new HashSet<>();
      try (PreparedStatement insert =
          connection.prepareStatement(
              "insert into device_event (device_id, event_id, occurred_at, received_at)"
                  + " values (?, ?, ?, ?)")) {
        OffsetDateTime received = time(receivedAt);
        for (DeviceEvent event : events) {
          if (!known.contains(event.key()) && fresh.add(event.key())) {
            insert.setString(1, event.deviceId());
            insert.setString(2, event.eventId());
            setTime(insert, 3, event.occurredAt());
            insert.setObject(4, received);
            insert.addBatch();
          }
        }
        if (!fresh.isEmpty()) {
          insert.executeBatch();
        }
      }
      return fresh;
    }

    @Override
    public Map<String, Map<String, AlarmState>> alarmStates(Collection<String> deviceIds) {
      String sql =
          "select " + ALARM_COLUMNS_OF_A + " from device_alarm a where a.device_id = any(?)";
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setArray(1, varchars(connection, deviceIds));
        Map<String, Map<String, AlarmState>> states = new HashMap<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            AlarmState state = alarmState(rows, 1);
            states
                .computeIfAbsent(state.deviceId(), id -> new HashMap<>())
                .put(state.alarmType(), state);
          }
        }
        return states;
      } catch (SQLException e) {
        throw new DeviceStoreException("cannot read alarm states", e);
      }
    }

    @Override
    public void saveAlarmStates(Collection<AlarmState> states) {
      if (states.isEmpty()) {
        return;
      }
      String columns =
          "device_id, alarm_type, active, priority, raised_event_id, raised_at, cleared_at,"
              + " last_event_id, last_event_at, repeat_count";
      String sql =
          postgres
              ? "insert into device_alarm ("
                  + columns
                  + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (device_id, alarm_type)"
                  + " do update set active = excluded.active, priority = excluded.priority,"
                  + " raised_event_id = excluded.raised_event_id, raised_at = excluded.raised_at,"
                  + " cleared_at = excluded.cleared_at, last_event_id = excluded.last_event_id,"
                  + " last_event_at = excluded.last_event_at, repeat_count = excluded.repeat_count"
              : "merge into device_alarm ("
                  + columns
                  + ") key (device_id, alarm_type) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
      try (PreparedStatement upsert = connection.prepareStatement(sql)) {
        for (AlarmState state : states) {
          upsert.setString(1, state.deviceId());
          upsert.setString(2, state.alarmType());
          upsert.setBoolean(3, state.active());
          upsert.setString(4, state.priority().wireName());
          upsert.setString(5, state.raisedEventId());
          setTime(upsert, 6, state.raisedAt());
          setTime(upsert, 7, state.clearedAt());
          upsert.setString(8, state.lastEventId());
          setTime(upsert, 9, state.lastEventAt());
          upsert.setInt(10, state.repeatCount());
          upsert.addBatch();
        }
        upsert.executeBatch();
      } catch (SQLException e) {
        throw new DeviceStoreException("cannot save alarm states", e);
      }
    }

    @Override
    public void recordSightings(Collection<DeviceSighting> sightings) {
      if (sightings.isEmpty()) {
        return;
      }
      try {
        if (postgres) {
          updateSightingsInOneStatement(sightings);
        } else {
          updateSightingsInABatch(sightings);
        }
      } catch (SQLException e) {
        throw new DeviceStoreException("cannot record device sightings", e);
      }
    }

    private void updateSightingsInOneStatement(Collection<DeviceSighting> sightings)
        throws SQLException {
      int n = sightings.size();
      String[] ids = new String[n];
      String[] seen = new String[n];
      String[] readings = new String[n];
      int i = 0;
      for (DeviceSighting sighting : sightings) {
        ids[i] = sighting.deviceId();
        seen[i] = sighting.seenAt().toString();
        readings[i] = sighting.readingsAt() == null ? null : sighting.readingsAt().toString();
        i++;
      }
      String sql =
          "update device d set last_seen_at = greatest(d.last_seen_at, v.seen::timestamptz),"
              + " last_readings_at = greatest(d.last_readings_at, v.readings::timestamptz)"
              + " from unnest(?::varchar[], ?::varchar[], ?::varchar[]) as v(id, seen, readings)"
              + " where d.id = v.id";
      try (PreparedStatement update = connection.prepareStatement(sql)) {
        update.setArray(1, connection.createArrayOf("varchar", ids));
        update.setArray(2, connection.createArrayOf("varchar", seen));
        update.setArray(3, connection.createArrayOf("varchar", readings));
        update.executeUpdate();
      }
    }

    private void updateSightingsInABatch(Collection<DeviceSighting> sightings) throws SQLException {
      String sql =
          "update device set"
              + " last_seen_at = case when last_seen_at is null or last_seen_at < ? then ?"
              + " else last_seen_at end,"
              + " last_readings_at = case when cast(? as timestamp with time zone) is null"
              + " then last_readings_at when last_readings_at is null or last_readings_at < ?"
              + " then ? else last_readings_at end"
              + " where id = ?";
      try (PreparedStatement update = connection.prepareStatement(sql)) {
        for (DeviceSighting sighting : sightings) {
          setTime(update, 1, sighting.seenAt());
          setTime(update, 2, sighting.seenAt());
          setTime(update, 3, sighting.readingsAt());
          setTime(update, 4, sighting.readingsAt());
          setTime(update, 5, sighting.readingsAt());
          update.setString(6, sighting.deviceId());
          update.addBatch();
        }
        update.executeBatch();
      }
    }

    @Override
    public List<Device> lockSilentDevices(DeviceType type, Instant cutoff, int limit) {
      String sql =
          "select "
              + DEVICE_COLUMNS
              + " from device d where d.type = ? and d.last_seen_at < ?"
              + " and not exists (select 1 from device_alarm a where a.device_id = d.id"
              + " and a.alarm_type = 'offline' and a.active = true)"
              + " order by d.id limit ?"
              + (postgres ? " for update of d" : "");
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setString(1, type.wireName());
        setTime(select, 2, cutoff);
        select.setInt(3, limit);
        List<Device> devices = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            devices.add(device(rows));
          }
        }
        return devices;
      } catch (SQLException e) {
        throw new DeviceStoreException("cannot find silent devices", e);
      }
    }
  }

  private static final String ALARM_COLUMNS_OF_A =
      "a.device_id, a.alarm_type, a.active, a.priority, a.raised_event_id, a.raised_at,"
          + " a.cleared_at, a.last_event_id, a.last_event_at, a.repeat_count";

  private static AlarmState alarmState(ResultSet rows, int first) throws SQLException {
    return new AlarmState(
        rows.getString(first),
        rows.getString(first + 1),
        rows.getBoolean(first + 2),
        Priority.fromWireName(rows.getString(first + 3)),
        rows.getString(first + 4),
        instant(rows, first + 5),
        instant(rows, first + 6),
        rows.getString(first + 7),
        instant(rows, first + 8),
        rows.getInt(first + 9));
  }

  private static Device device(ResultSet rows) throws SQLException {
    return new Device(
        rows.getString("id"),
        DeviceType.fromWireName(rows.getString("type"))
            .orElseThrow(() -> new IllegalStateException("unknown device type in the registry")),
        rows.getString("location"),
        rows.getString("zone"),
        instant(rows, "last_seen_at"),
        instant(rows, "last_readings_at"));
  }

  private static Array varchars(Connection connection, Collection<String> values)
      throws SQLException {
    return connection.createArrayOf("varchar", values.toArray(String[]::new));
  }

  private static void setTime(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, time(instant));
    }
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
