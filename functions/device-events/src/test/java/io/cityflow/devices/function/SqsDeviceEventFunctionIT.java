package io.cityflow.devices.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.devices.DemoDevices;
import io.cityflow.devices.Events;
import io.cityflow.devices.RecordingPublisher;
import io.cityflow.devices.Signal;
import io.cityflow.devices.config.DeviceSettings;
import io.cityflow.devices.config.FunctionWiring;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/** The SQS path end to end: ElasticMQ queue → handler → PostgreSQL → hand-off. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsDeviceEventFunctionIT {
  private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

  private final SqsQueueDriver queues = new SqsQueueDriver();
  private final String queue = queues.createQueue("device-events");
  private final String rejected = queues.createQueue("device-events-rejected");
  private final RecordingPublisher publisher = new RecordingPublisher();
  private final PostgresDatabase database;
  private final SqsDeviceEventFunction function;

  SqsDeviceEventFunctionIT(PostgresDatabase database) {
    this.database = database;
    Map<String, Object> config = new HashMap<>();
    config.put("datasources.default.url", database.jdbcUrl());
    config.put("datasources.default.username", database.user());
    config.put("datasources.default.password", database.password());
    config.put("cityflow.devices.sqs.rejected-queue-url", rejected);
    config.put("cityflow.devices.sqs.endpoint", queues.endpoint);
    config.put("cityflow.devices.sqs.region", "us-east-1");
    FunctionWiring wiring =
        new FunctionWiring(
            FunctionWiring.Entry.DEVICE_EVENTS, DeviceSettings.of(config), publisher);
    wiring.store().register(DemoDevices.generate(300));
    function = new SqsDeviceEventFunction(wiring);
  }

  @BeforeEach
  void forgetEarlierHandOffs() {
    publisher.clear();
  }

  @AfterAll
  void close() {
    function.close();
    queues.close();
  }

  @Test
  void turnsAQueueOfRepeatsDuplicatesLateEventsAndPoisonIntoOneCasePerAlarm() throws Exception {
    // given fifty readings of a full bin, two of them redelivered, a late one from before,
    // a lamp failure, a fire, and poison
    for (int i = 0; i < 50; i++) {
      queues.send(queue, Events.fill("dustbin-0010", "q-" + i, T0.plusSeconds(60L * i), 95));
      if (i == 5 || i == 7) {
        queues.send(queue, Events.fill("dustbin-0010", "q-" + i, T0.plusSeconds(60L * i), 95));
      }
      if (i == 20) {
        queues.send(queue, Events.fill("dustbin-0010", "q-late", T0.minusSeconds(600), 5));
        queues.send(queue, Events.sample("traffic-light-lamp-failure.json"));
        queues.send(queue, Events.sample("poison-not-json.txt"));
        queues.send(queue, Events.sample("smoke-sensor-fire.json"));
      }
    }
    queues.send(queue, Events.sample("poison-unknown-field.json"));
    queues.send(queue, Events.sample("unknown-device.json"));
    queues.send(queue, Events.sample("poison-readings-and-alarm.json"));

    // when
    int invocations = queues.drain(queue, function, 100);

    // then every record was consumed, in batches
    assertThat(invocations).isGreaterThanOrEqualTo(6);
    assertThat(queues.receiveAll(queue)).isEmpty();

    // one alert per device and alarm, the fire among them
    assertThat(publisher.signals(Signal.Kind.ALERT))
        .extracting(Signal::correlationKey)
        .containsExactlyInAnyOrder(
            "dustbin-0010:fill-level", "traffic-light-0042:lamp-failure", "smoke-sensor-0003:fire");
    assertThat(publisher.signals(Signal.Kind.RECOVERY)).isEmpty();

    // the forty-nine repeats counted on the open alert, duplicates not
    try (Connection c = database.connect();
        ResultSet row =
            c.createStatement()
                .executeQuery(
                    "select active, repeat_count, raised_event_id from device_alarm"
                        + " where device_id = 'dustbin-0010' and alarm_type = 'fill-level'")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getBoolean(1)).isTrue();
      assertThat(row.getInt(2)).isEqualTo(49);
      assertThat(row.getString(3)).isEqualTo("q-0");
    }
    assertThat(publisher.signals(Signal.Kind.REPEAT))
        .extracting(Signal::repeatCount)
        .isSorted()
        .last()
        .isEqualTo(49);

    // and the poison went to the dead-letter queue with its reason
    List<Message> dead = queues.receiveAll(rejected);
    assertThat(dead)
        .extracting(m -> m.messageAttributes().get("rejection-code").stringValue())
        .containsExactlyInAnyOrder(
            "malformed-json", "unknown-field", "unknown-device", "invalid-field");
    assertThat(dead)
        .filteredOn(
            m -> m.messageAttributes().get("rejection-code").stringValue().equals("unknown-field"))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.messageAttributes().get("rejection-field").stringValue())
                    .isEqualTo("/firmware"));
  }

  @Test
  void redeliversTheRecordsOfAFailedHandOffAndAppliesThemOnce() throws Exception {
    // given two alerts in one batch, and an engine that fails the first hand-off
    String retries = queues.createQueue("device-events-retries");
    queues.send(retries, Events.fill("dustbin-0077", "r-1", T0, 96));
    queues.send(
        retries,
        Events.alarm(
            "traffic-light-0077", "traffic-light", "r-2", T0, "controller-fault", "major"));
    publisher.failNext(1);

    // when the queue is drained as the event source mapping would, with a short visibility
    int invocations = queues.drain(retries, function, 20, 1);

    // then the failed batch came back and went through once: one alert each, nothing left
    assertThat(publisher.failedCalls()).isEqualTo(1);
    assertThat(invocations).isGreaterThanOrEqualTo(2);
    assertThat(queues.receiveAll(retries)).isEmpty();
    assertThat(publisher.signals(Signal.Kind.ALERT))
        .extracting(Signal::correlationKey)
        .filteredOn(k -> k.contains("0077"))
        .containsExactlyInAnyOrder(
            "dustbin-0077:fill-level", "traffic-light-0077:controller-fault");
    try (Connection c = database.connect();
        ResultSet row =
            c.createStatement()
                .executeQuery(
                    "select count(*) from device_event where event_id in ('r-1', 'r-2')")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getInt(1)).isEqualTo(2);
    }
  }
}
