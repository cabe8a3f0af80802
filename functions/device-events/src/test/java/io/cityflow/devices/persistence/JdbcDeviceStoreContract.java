package io.cityflow.devices.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.devices.AlarmState;
import io.cityflow.devices.BatchStart;
import io.cityflow.devices.DemoDevices;
import io.cityflow.devices.Device;
import io.cityflow.devices.DeviceEvent;
import io.cityflow.devices.DeviceEventParser;
import io.cityflow.devices.DeviceEventProcessor;
import io.cityflow.devices.DeviceKeys;
import io.cityflow.devices.DeviceSighting;
import io.cityflow.devices.DeviceType;
import io.cityflow.devices.EventKey;
import io.cityflow.devices.Events;
import io.cityflow.devices.IncomingEvent;
import io.cityflow.devices.Outcome;
import io.cityflow.devices.Priority;
import io.cityflow.devices.RecordingPublisher;
import io.cityflow.devices.Signal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What every database the store runs on must do; subclasses bring the database. */
abstract class JdbcDeviceStoreContract {
  static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

  abstract DataSource dataSource();

  JdbcDeviceStore store() {
    DeviceSchema.migrate(dataSource());
    JdbcDeviceStore store = new JdbcDeviceStore(dataSource());
    store.register(DemoDevices.generate(5));
    return store;
  }

  @Test
  void migratesIntoItsOwnHistoryTableAndSeedsDemoDevicesOnce() throws Exception {
    // given
    JdbcDeviceStore store = store();

    // when
    int again = store.register(DemoDevices.generate(5));

    // then
    assertThat(again).isZero();
    assertThat(DeviceSchema.migrate(dataSource())).isZero();
    try (Connection c = dataSource().getConnection();
        ResultSet rows =
            c.createStatement()
                .executeQuery("select count(*) from device where id like 'dustbin-%'")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(5);
    }
    assertThat(store.keyHash("dustbin-0001")).contains(DeviceKeys.hash("demo-key-dustbin-0001"));
    assertThat(store.keyHash("dustbin-0999")).isEmpty();
  }

  @Test
  void skipsFlywayWhileTheDeviceScriptsAreUnchanged() throws Exception {
    // given a migrated database whose history has lost its last migration
    store();
    try (Connection c = dataSource().getConnection()) {
      c.createStatement()
          .executeUpdate("delete from \"devices_schema_history\" where \"version\" = '2'");
    }

    // when the schema is migrated again with the same scripts
    int applied = DeviceSchema.migrate(dataSource());

    // then Flyway did not run (it would have applied version 2 again), trusting the fingerprint
    // kept in the device schema's own table
    assertThat(applied).isZero();
    try (Connection c = dataSource().getConnection();
        ResultSet rows =
            c.createStatement()
                .executeQuery(
                    "select (select count(*) from \"devices_schema_history\""
                        + " where \"version\" = '2'), fingerprint"
                        + " from devices_schema_fingerprint")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isZero();
      assertThat(rows.getString(2)).matches("[0-9a-f]{64}");
      assertThat(rows.next()).isFalse();
    }
  }

  @Test
  void recordsEachEventOnceAndTellsWhichWereNew() {
    // given
    JdbcDeviceStore store = store();
    DeviceEvent a = event("dustbin-0001", "dedup-a");
    DeviceEvent b = event("dustbin-0002", "dedup-b");
    store.inTransaction(tx -> tx.recordNewEvents(List.of(a), T0));

    // when
    Set<EventKey> fresh = store.inTransaction(tx -> tx.recordNewEvents(List.of(a, b), T0));

    // then
    assertThat(fresh).containsExactly(b.key());
  }

  @Test
  void savesAlarmStatesAndMovesSightingsOnlyForward() {
    // given
    JdbcDeviceStore store = store();
    AlarmState raised = AlarmState.raised("dustbin-0003", "fill-level", Priority.NORMAL, "e1", T0);

    // when
    store.inTransaction(
        tx -> {
          tx.saveAlarmStates(List.of(raised));
          tx.saveAlarmStates(List.of(raised.repeated("e2", T0.plusSeconds(60))));
          tx.recordSightings(List.of(new DeviceSighting("dustbin-0003", T0.plusSeconds(60), T0)));
          tx.recordSightings(List.of(new DeviceSighting("dustbin-0003", T0, null)));
          return null;
        });

    // then
    Map<String, Map<String, AlarmState>> states =
        store.inTransaction(tx -> tx.alarmStates(List.of("dustbin-0003")));
    AlarmState saved = states.get("dustbin-0003").get("fill-level");
    assertThat(saved.active()).isTrue();
    assertThat(saved.repeatCount()).isEqualTo(1);
    assertThat(saved.lastEventAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(saved.clearedAt()).isNull();
    Device device =
        store.inTransaction(tx -> tx.lockDevices(List.of("dustbin-0003"))).get("dustbin-0003");
    assertThat(device.lastSeenAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(device.lastReadingsAt()).isEqualTo(T0);
    assertThat(device.zone()).isNotBlank();
  }

  @Test
  void findsSilentDevicesWithoutAnActiveOfflineAlarm() {
    // given
    JdbcDeviceStore store = store();
    store.inTransaction(
        tx -> {
          tx.recordSightings(
              List.of(
                  new DeviceSighting("traffic-light-0001", T0, null),
                  new DeviceSighting("traffic-light-0002", T0, null),
                  new DeviceSighting("traffic-light-0003", T0.plusSeconds(3600), null)));
          tx.saveAlarmStates(
              List.of(AlarmState.raised("traffic-light-0002", "offline", Priority.HIGH, "o", T0)));
          return null;
        });

    // when
    List<Device> silent =
        store.inTransaction(
            tx -> tx.lockSilentDevices(DeviceType.TRAFFIC_LIGHT, T0.plusSeconds(60), 10));

    // then
    assertThat(silent).extracting(Device::id).containsExactly("traffic-light-0001");
  }

  @Test
  void runsTheCoreWithDuplicatesAndOutOfOrderEvents() {
    // given
    JdbcDeviceStore store = store();
    RecordingPublisher publisher = new RecordingPublisher();
    Clock clock = Clock.systemUTC();
    DeviceEventProcessor processor =
        new DeviceEventProcessor(
            new DeviceEventParser(clock, Duration.ofMinutes(5)),
            Events.defaultRules(),
            store,
            publisher,
            clock);
    List<IncomingEvent> batch = new ArrayList<>();
    batch.add(IncomingEvent.of(Events.fill("dustbin-0004", "c-3", T0.plusSeconds(180), 10)));
    batch.add(IncomingEvent.of(Events.fill("dustbin-0004", "c-1", T0.plusSeconds(60), 95)));
    batch.add(IncomingEvent.of(Events.fill("dustbin-0004", "c-1", T0.plusSeconds(60), 95)));
    batch.add(IncomingEvent.of(Events.fill("dustbin-0004", "c-2", T0.plusSeconds(120), 96)));

    // when
    List<Outcome> first = processor.process(batch);
    List<Outcome> replay = processor.process(batch);
    List<Outcome> late =
        processor.process(List.of(IncomingEvent.of(Events.fill("dustbin-0004", "c-0", T0, 99))));

    // then
    assertThat(first)
        .extracting(Outcome::status)
        .containsExactly(
            Outcome.Status.ACCEPTED,
            Outcome.Status.ACCEPTED,
            Outcome.Status.DUPLICATE,
            Outcome.Status.ACCEPTED);
    assertThat(replay).extracting(Outcome::status).containsOnly(Outcome.Status.DUPLICATE);
    assertThat(late).extracting(Outcome::status).containsExactly(Outcome.Status.STALE);
    assertThat(publisher.signals())
        .extracting(Signal::kind)
        .containsExactly(Signal.Kind.ALERT, Signal.Kind.REPEAT, Signal.Kind.RECOVERY);
  }

  @Test
  void startsABatchWithTheDevicesAsTheyWereTheNewEventsAndTheirStates() {
    // given a device that was seen before, with an active alarm and one recorded event
    JdbcDeviceStore store = store();
    store.inTransaction(
        tx -> {
          tx.recordSightings(List.of(new DeviceSighting("dustbin-0005", T0, T0)));
          tx.recordNewEvents(List.of(event("dustbin-0005", "b-old")), T0);
          tx.saveAlarmStates(
              List.of(AlarmState.raised("dustbin-0005", "fill-level", Priority.NORMAL, "x", T0)));
          return null;
        });
    DeviceEvent fresh = event("dustbin-0005", "b-new", T0.plusSeconds(300));
    DeviceEvent seenBefore = event("dustbin-0005", "b-old", T0.plusSeconds(600));
    DeviceEvent unknown = event("dustbin-0999", "b-unknown", T0.plusSeconds(60));
    DeviceEvent wrongType =
        new DeviceEvent(
            "dustbin-0002",
            DeviceType.WATER_STATION,
            "b-wrong",
            T0.plusSeconds(60),
            Map.of("tds", 1.0),
            null);

    // when
    BatchStart start =
        store.inTransaction(
            tx -> tx.begin(List.of(fresh, seenBefore, unknown, wrongType), T0.plusSeconds(900)));

    // then the devices come as they were, only the new event of a matching device is recorded,
    // and the sighting moved by that event alone
    assertThat(start.devices()).containsOnlyKeys("dustbin-0005", "dustbin-0002");
    assertThat(start.devices().get("dustbin-0005").lastSeenAt()).isEqualTo(T0);
    assertThat(start.fresh()).containsExactly(fresh.key());
    assertThat(start.states().get("dustbin-0005")).containsOnlyKeys("fill-level");
    Map<String, Device> after =
        store.inTransaction(tx -> tx.lockDevices(List.of("dustbin-0005", "dustbin-0002")));
    assertThat(after.get("dustbin-0005").lastSeenAt()).isEqualTo(T0.plusSeconds(300));
    assertThat(after.get("dustbin-0005").lastReadingsAt()).isEqualTo(T0.plusSeconds(300));
    assertThat(after.get("dustbin-0002").lastSeenAt()).isNull();
    Set<EventKey> again =
        store.inTransaction(tx -> tx.recordNewEvents(List.of(wrongType, unknown), T0));
    assertThat(again).containsExactlyInAnyOrder(wrongType.key(), unknown.key());
  }

  private static DeviceEvent event(String deviceId, String eventId, Instant at) {
    return new DeviceEvent(
        deviceId, DeviceType.DUSTBIN, eventId, at, Map.of("fillLevel", 1.0), null);
  }

  private static DeviceEvent event(String deviceId, String eventId) {
    return new DeviceEvent(
        deviceId, DeviceType.DUSTBIN, eventId, T0, Map.of("fillLevel", 1.0), null);
  }
}
