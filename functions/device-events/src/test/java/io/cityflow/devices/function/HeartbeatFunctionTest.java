package io.cityflow.devices.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cityflow.devices.DemoDevices;
import io.cityflow.devices.Events;
import io.cityflow.devices.Priority;
import io.cityflow.devices.RecordingPublisher;
import io.cityflow.devices.Signal;
import io.cityflow.devices.config.DeviceSettings;
import io.cityflow.devices.config.FunctionWiring;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduled heartbeat check as Lambda runs it: wired without Micronaut, on H2. */
class HeartbeatFunctionTest {
  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final RecordingPublisher publisher = new RecordingPublisher();
  private FunctionWiring wiring;

  @AfterEach
  void close() {
    wiring.close();
  }

  @Test
  void raisesTheOfflineAlarmOfASilentTrafficLightOnceAndAnswersWhatTheSweepDid() throws Exception {
    // given a light silent for ten minutes (its type allows five), one heard a minute ago, one
    // never heard from, and a bin silent for ten minutes (its type allows two hours)
    HeartbeatFunction function = function(Map.of());
    Instant now = Instant.now();
    seen("traffic-light-0001", now.minus(Duration.ofMinutes(10)));
    seen("traffic-light-0002", now.minus(Duration.ofMinutes(1)));
    seen("dustbin-0001", now.minus(Duration.ofMinutes(10)));

    // when the schedule fires twice
    Map<String, Integer> first = function.handleRequest(scheduledEvent(), null);
    Map<String, Integer> second = function.handleRequest(scheduledEvent(), null);

    // then the light went offline once, with its type's priority, and nothing else did
    assertThat(first).isEqualTo(Map.of("offline", 1, "forgottenEvents", 0));
    assertThat(second).isEqualTo(Map.of("offline", 0, "forgottenEvents", 0));
    assertThat(publisher.signals(Signal.Kind.ALERT))
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.correlationKey()).isEqualTo("traffic-light-0001:offline");
              assertThat(alert.priority()).isEqualTo(Priority.HIGH);
            });
    assertThat(activeAlarms()).containsExactly("traffic-light-0001:offline");
  }

  @Test
  void readsTheBatchLimitAndTheDedupRetentionFromItsSettings() throws Exception {
    // given three silent lights, a limit of two per type and sweep, a retention of one day, and
    // event ids received two days and an hour ago
    HeartbeatFunction function =
        function(
            Map.of(
                "cityflow.devices.heartbeat.batch-limit", "2",
                "cityflow.devices.dedup-retention", "1d"));
    Instant now = Instant.now();
    for (String id : List.of("traffic-light-0001", "traffic-light-0002", "traffic-light-0003")) {
      seen(id, now.minus(Duration.ofMinutes(10)));
    }
    received("dustbin-0001", "old", now.minus(Duration.ofDays(2)));
    received("dustbin-0001", "recent", now.minus(Duration.ofHours(1)));

    // when
    Map<String, Integer> first = function.handleRequest(scheduledEvent(), null);
    Map<String, Integer> second = function.handleRequest(scheduledEvent(), null);

    // then two lights in the first sweep, the third in the next; only the old id was forgotten
    assertThat(first).isEqualTo(Map.of("offline", 2, "forgottenEvents", 1));
    assertThat(second).isEqualTo(Map.of("offline", 1, "forgottenEvents", 0));
    assertThat(activeAlarms()).hasSize(3);
    assertThat(count("device_event")).isEqualTo(1);
  }

  @Test
  void primesWithoutWritingOrPublishingAndSweepsAfterTheRestore() throws Exception {
    // given
    HeartbeatFunction function = function(Map.of());
    seen("smoke-sensor-0001", Instant.now().minus(Duration.ofHours(1)));

    // when
    wiring.beforeCheckpoint(null);

    // then nothing was written or handed off, and the connection is closed for the snapshot
    assertThat(count("device_alarm")).isZero();
    assertThat(publisher.calls()).isEmpty();
    assertThat(wiring.holdsConnection()).isFalse();

    // when restored and the schedule fires
    wiring.afterRestore(null);
    Map<String, Integer> sweep = function.handleRequest(scheduledEvent(), null);

    // then the silent sensor went offline
    assertThat(sweep).containsEntry("offline", 1);
    assertThat(activeAlarms()).containsExactly("smoke-sensor-0001:offline");
  }

  @Test
  void aFailedHandOffFailsTheInvocationAndKeepsNothingOfIt() throws Exception {
    // given a silent light and an engine that refuses the alert
    HeartbeatFunction function = function(Map.of());
    seen("traffic-light-0001", Instant.now().minus(Duration.ofMinutes(10)));
    publisher.failNext(1);

    // when the schedule fires, then the invocation fails (EventBridge retries it) and rolled back
    assertThatThrownBy(() -> function.handleRequest(scheduledEvent(), null))
        .isInstanceOf(IllegalStateException.class);
    assertThat(count("device_alarm")).isZero();

    // and the retry raises the alarm
    assertThat(function.handleRequest(scheduledEvent(), null)).containsEntry("offline", 1);
    assertThat(activeAlarms()).containsExactly("traffic-light-0001:offline");
  }

  @Test
  void wiresOnlyTheHeartbeatParts() {
    // given
    function(Map.of());

    // then the SQS handler's parts are not built
    assertThatThrownBy(wiring::processor).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(wiring::rejected).isInstanceOf(IllegalStateException.class);
    assertThat(wiring.heartbeatMonitor()).isNotNull();
  }

  /** The recorded EventBridge schedule event, as the Lambda runtime would hand it over. */
  static ScheduledEvent scheduledEvent() throws Exception {
    JsonNode json =
        new ObjectMapper().readTree(Events.sample("eventbridge-heartbeat-schedule.json"));
    ScheduledEvent event = new ScheduledEvent();
    event.setVersion(json.get("version").asText());
    event.setId(json.get("id").asText());
    event.setDetailType(json.get("detail-type").asText());
    event.setSource(json.get("source").asText());
    event.setAccount(json.get("account").asText());
    event.setTime(DateTime.parse(json.get("time").asText()));
    event.setRegion(json.get("region").asText());
    List<String> resources = new ArrayList<>();
    json.get("resources").forEach(resource -> resources.add(resource.asText()));
    event.setResources(resources);
    event.setDetail(Map.of());
    return event;
  }

  private HeartbeatFunction function(Map<String, String> more) {
    Map<String, String> settings = new HashMap<>(more);
    settings.put("datasources.default.url", url);
    settings.put("datasources.default.username", "sa");
    wiring =
        new FunctionWiring(FunctionWiring.Entry.HEARTBEAT, DeviceSettings.of(settings), publisher);
    wiring.store().register(DemoDevices.generate(5));
    return new HeartbeatFunction(wiring);
  }

  private void seen(String deviceId, Instant at) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        PreparedStatement update =
            connection.prepareStatement("update device set last_seen_at = ? where id = ?")) {
      update.setTimestamp(1, Timestamp.from(at));
      update.setString(2, deviceId);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private void received(String deviceId, String eventId, Instant at) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into device_event (device_id, event_id, occurred_at, received_at)"
                    + " values (?, ?, ?, ?)")) {
      insert.setString(1, deviceId);
      insert.setString(2, eventId);
      insert.setTimestamp(3, Timestamp.from(at));
      insert.setTimestamp(4, Timestamp.from(at));
      insert.executeUpdate();
    }
  }

  private List<String> activeAlarms() throws SQLException {
    List<String> alarms = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "select device_id, alarm_type from device_alarm where active order by 1")) {
      while (rows.next()) {
        alarms.add(rows.getString(1) + ":" + rows.getString(2));
      }
    }
    return alarms;
  }

  private long count(String table) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        ResultSet rows =
            connection.createStatement().executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
