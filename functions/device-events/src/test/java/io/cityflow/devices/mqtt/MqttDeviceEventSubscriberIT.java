package io.cityflow.devices.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cityflow.devices.Events;
import io.cityflow.devices.Priority;
import io.cityflow.devices.RecordingPublisher;
import io.cityflow.devices.Signal;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The MQTT path against the Mosquitto broker of the local stack at localhost:1883. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttDeviceEventSubscriberIT {
  private static final String BROKER = "tcp://localhost:1883";
  // A topic and client id of this run only: the subscriber's session is persistent, and a
  // leftover session must never match another run's messages.
  private static final String TOPIC_ROOT = "it-" + UUID.randomUUID();

  private final RecordingPublisher publisher = new RecordingPublisher();
  private ApplicationContext context;
  private MqttClient device;

  @BeforeAll
  void start() throws Exception {
    requireBroker();
    context =
        ApplicationContext.builder()
            .properties(
                Map.of(
                    "datasources.default.url",
                    "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "datasources.default.username",
                    "sa",
                    "datasources.default.password",
                    "",
                    "cityflow.devices.demo.enabled",
                    true,
                    "cityflow.devices.demo.devices-per-type",
                    50,
                    "cityflow.devices.mqtt.enabled",
                    true,
                    "cityflow.devices.mqtt.broker-url",
                    BROKER,
                    "cityflow.devices.mqtt.topic",
                    TOPIC_ROOT + "/devices/+/events",
                    "cityflow.devices.mqtt.client-id",
                    TOPIC_ROOT))
            .singletons(publisher)
            .start();
    MqttDeviceEventSubscriber subscriber = context.getBean(MqttDeviceEventSubscriber.class);
    await().atMost(Duration.ofSeconds(10)).until(subscriber::isConnected);
    Thread.sleep(300); // the subscription is made right after the connection completes
    device = new MqttClient(BROKER, "test-device-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    device.connect(options);
  }

  private static void requireBroker() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", 1883), 1000);
    } catch (IOException e) {
      String reason = "no MQTT broker answers at localhost:1883 (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("CI needs Mosquitto: " + reason, e);
      }
      Assumptions.abort(reason);
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (device != null) {
      device.disconnect();
      device.close();
    }
    if (context != null) {
      context.close();
    }
  }

  private void send(String deviceId, String body) throws Exception {
    device.publish(
        TOPIC_ROOT + "/devices/" + deviceId + "/events",
        body.getBytes(StandardCharsets.UTF_8),
        1,
        false);
  }

  private List<Signal> signalsOf(String key) {
    return publisher.signals().stream().filter(s -> s.correlationKey().equals(key)).toList();
  }

  @Test
  void opensOneCaseForAFullDustbinCountsFiftyRepeatsAndClosesItOnRecovery() throws Exception {
    // given
    Instant t0 = Instant.now().minusSeconds(3600);
    String key = "dustbin-0020:fill-level";

    // when the bin reports full
    send("dustbin-0020", Events.fill("dustbin-0020", "mq-0", t0, 96));

    // then one alert
    await().atMost(Duration.ofSeconds(5)).until(() -> signalsOf(key).size() == 1);
    assertThat(signalsOf(key).get(0).kind()).isEqualTo(Signal.Kind.ALERT);

    // when it repeats fifty times
    for (int i = 1; i <= 50; i++) {
      send("dustbin-0020", Events.fill("dustbin-0020", "mq-" + i, t0.plusSeconds(i), 97));
    }

    // then they are repeats of the open alert, not new alerts
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                signalsOf(key).stream()
                    .anyMatch(s -> s.kind() == Signal.Kind.REPEAT && s.repeatCount() == 50));
    assertThat(signalsOf(key)).filteredOn(s -> s.kind() == Signal.Kind.ALERT).hasSize(1);

    // when it is emptied
    send("dustbin-0020", Events.fill("dustbin-0020", "mq-empty", t0.plusSeconds(60), 5));

    // then the alert recovers
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> signalsOf(key).stream().anyMatch(s -> s.kind() == Signal.Kind.RECOVERY));
  }

  @Test
  void startsTheEmergencyPathForASmokeAlarmWithinOneSecond() throws Exception {
    // given
    String key = "smoke-sensor-0011:smoke";
    String alarm =
        Events.alarm(
            "smoke-sensor-0011", "smoke-sensor", "smk-1", Instant.now(), "smoke", "critical");
    List<Long> handedOffAfter = new CopyOnWriteArrayList<>();

    // when
    long sent = System.nanoTime();
    send("smoke-sensor-0011", alarm);
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> !signalsOf(key).isEmpty());
    handedOffAfter.add((System.nanoTime() - sent) / 1_000_000);

    // then
    Signal emergency = signalsOf(key).get(0);
    assertThat(emergency.kind()).isEqualTo(Signal.Kind.ALERT);
    assertThat(emergency.priority()).isEqualTo(Priority.EMERGENCY);
    assertThat(handedOffAfter.get(0)).isLessThan(1000L);
  }

  @Test
  void retriesAnEventWhoseHandOffFailedUntilItGoesThroughOnce() throws Exception {
    // given the engine cannot be reached
    String key = "dustbin-0040:fill-level";
    publisher.failWith(new IllegalStateException("engine unavailable"));

    // when the bin reports full, and the engine comes back after two failed attempts
    send(
        "dustbin-0040", Events.fill("dustbin-0040", "retry-1", Instant.now().minusSeconds(60), 95));
    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.failedCalls() >= 2);
    publisher.failWith(null);

    // then the alert goes out exactly once, and a redelivery of the event changes nothing
    await().atMost(Duration.ofSeconds(10)).until(() -> !signalsOf(key).isEmpty());
    send(
        "dustbin-0040", Events.fill("dustbin-0040", "retry-1", Instant.now().minusSeconds(60), 95));
    send("dustbin-0040", Events.fill("dustbin-0040", "retry-2", Instant.now().minusSeconds(30), 5));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> signalsOf(key).stream().anyMatch(s -> s.kind() == Signal.Kind.RECOVERY));
    assertThat(signalsOf(key))
        .extracting(Signal::kind)
        .containsExactly(Signal.Kind.ALERT, Signal.Kind.RECOVERY);
  }

  @Test
  void ignoresAnEventPublishedOnAnotherDevicesTopic() throws Exception {
    // when dustbin-0031 publishes an event that claims to be dustbin-0030
    send("dustbin-0031", Events.fill("dustbin-0030", "spoof-1", Instant.now().minusSeconds(5), 99));
    send("dustbin-0031", Events.fill("dustbin-0031", "own-1", Instant.now().minusSeconds(4), 99));

    // then only its own event counts
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !signalsOf("dustbin-0031:fill-level").isEmpty());
    assertThat(signalsOf("dustbin-0030:fill-level")).isEmpty();
  }
}
