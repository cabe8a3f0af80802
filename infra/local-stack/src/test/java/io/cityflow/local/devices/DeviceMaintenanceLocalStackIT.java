package io.cityflow.local.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.ProcessInstanceSequenceFlow;
import io.cityflow.localstack.LocalStack;
import io.cityflow.localstack.TestStacks;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 7's "done when", in the local stack with real PostgreSQL and the Mosquitto broker at
 * localhost:1883: a full dustbin reported over MQTT opens one maintenance case, fifty repeats open
 * no other, a recovery before dispatch closes it, and a smoke alarm starts the emergency path
 * within one second.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeviceMaintenanceLocalStackIT {
  private static final String PROCESS = "device-maintenance";
  // This run's own topic root and subscriber: the subscriber's MQTT session is persistent, and
  // must never see another run's (or a developer's stack's) messages.
  private static final String TOPIC_ROOT = "it-" + UUID.randomUUID();

  private final PostgresDatabase database;
  private LocalStack stack;
  private CamundaClient camunda;
  private MqttClient device;

  DeviceMaintenanceLocalStackIT(PostgresDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start() throws Exception {
    requireBroker();
    Map<String, Object> config = TestStacks.onPostgres(database);
    config.put("cityflow.devices.heartbeat.enabled", false);
    config.put("cityflow.devices.mqtt.topic", TOPIC_ROOT + "/devices/+/events");
    config.put("cityflow.devices.mqtt.client-id", TOPIC_ROOT);
    stack = LocalStack.start(config);
    camunda = stack.bean(CamundaClient.class);
    deployDeviceMaintenance();

    device =
        new MqttClient(
            "tcp://localhost:1883", "it-device-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setMaxInflight(100);
    device.connect(options);
    Thread.sleep(500); // the stack subscribes right after its connection completes
  }

  @AfterAll
  void stop() throws Exception {
    if (device != null && device.isConnected()) {
      device.disconnect();
      device.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void aFullDustbinOpensOneCaseFiftyRepeatsNoOtherAndARecoveryBeforeDispatchClosesIt()
      throws Exception {
    // given
    String bin = "dustbin-0123";
    Instant t0 = Instant.now().minusSeconds(3600);

    // when the bin reports full over MQTT
    send(bin, fill(bin, "full-0", t0, 95));

    // then one maintenance case opens, and reaches dispatch
    ProcessInstance instance =
        awaitValue(Duration.ofSeconds(30), () -> single(activeInstancesOf(bin, "fill-level")));
    long key = instance.getProcessInstanceKey();
    await(Duration.ofSeconds(30), () -> caseOf(key) != null);
    await(Duration.ofSeconds(30), () -> waitsAt(key, "Task_DispatchTechnician"));

    // when the bin repeats fifty times
    for (int i = 1; i <= 50; i++) {
      send(bin, fill(bin, "full-" + i, t0.plusSeconds(i), 97));
    }

    // then all fifty are counted on the open alarm, and no other case opened
    await(Duration.ofSeconds(30), () -> repeatCount(bin, "fill-level") == 50);
    assertThat(instancesOf(bin, "fill-level")).hasSize(1);
    assertThat(casesOfDevice(bin)).isEqualTo(1);

    // when the bin is emptied before anyone was dispatched
    send(bin, fill(bin, "emptied", t0.plusSeconds(120), 10));

    // then the case closes as recovered
    await(Duration.ofSeconds(30), () -> stateOf(key) == ProcessInstanceState.COMPLETED);
    await(Duration.ofSeconds(30), () -> "CLOSED".equals(caseOf(key)));
    assertThat(flowsTaken(key)).contains("Flow_DeviceRecovered");
    assertThat(instancesOf(bin, "fill-level")).hasSize(1);
  }

  // Second: the stack has handled events before, as a running stack has.
  @Test
  @Order(2)
  void aSmokeAlarmStartsTheEmergencyPathWithinOneSecond() throws Exception {
    // given
    String sensor = "smoke-sensor-0042";
    String alarm =
        "{\"deviceId\":\""
            + sensor
            + "\",\"deviceType\":\"smoke-sensor\",\"eventId\":\"smoke-1\",\"occurredAt\":\""
            + Instant.now()
            + "\",\"alarm\":{\"code\":\"smoke\",\"severity\":\"critical\"}}";

    Set<Long> before = instanceKeys();

    // when
    Instant sentAt = Instant.now();
    long sent = System.nanoTime();
    send(sensor, alarm);
    long key =
        awaitValue(
            Duration.ofSeconds(10),
            () -> instanceKeys().stream().filter(k -> !before.contains(k)).findFirst().orElse(null),
            Duration.ofMillis(10));
    await(
        Duration.ofSeconds(10),
        () -> flowsTaken(key).contains("Flow_Emergency"),
        Duration.ofMillis(10));
    long emergency = (System.nanoTime() - sent) / 1_000_000;

    // then the new instance is the smoke sensor's, and it took the emergency path in time
    assertThat(hasVariable(key, "deviceId", sensor)).isTrue();
    assertThat(hasVariable(key, "alarmType", "smoke")).isTrue();
    long started =
        Duration.between(
                sentAt, camunda.newProcessInstanceGetRequest(key).send().join().getStartDate())
            .toMillis();
    assertThat(emergency)
        .as(
            "ms from the MQTT publish to the emergency path (the engine started the case %d ms"
                + " after the publish)",
            started)
        .isLessThan(1000);
  }

  private Set<Long> instanceKeys() {
    return camunda
        .newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(PROCESS))
        .send()
        .join()
        .items()
        .stream()
        .map(ProcessInstance::getProcessInstanceKey)
        .collect(Collectors.toSet());
  }

  private void deployDeviceMaintenance() throws IOException {
    Path root = TestStacks.projectRoot();
    camunda
        .newDeployResourceCommand()
        .addResourceBytes(
            Files.readAllBytes(root.resolve("workflows/bpmn/device-maintenance.bpmn")),
            "device-maintenance.bpmn")
        .addResourceBytes(
            Files.readAllBytes(root.resolve("workflows/dmn/maintenance-priority.dmn")),
            "maintenance-priority.dmn")
        .addResourceBytes(
            Files.readAllBytes(root.resolve("forms/dispatch-technician.form")),
            "dispatch-technician.form")
        .addResourceBytes(
            Files.readAllBytes(root.resolve("forms/incident-commander.form")),
            "incident-commander.form")
        .addResourceBytes(
            Files.readAllBytes(root.resolve("forms/repair-report.form")), "repair-report.form")
        // The stack may still be seeding its databases when this arrives.
        .requestTimeout(Duration.ofMinutes(1))
        .send()
        .join();
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

  private void send(String deviceId, String body) throws Exception {
    device.publish(
        TOPIC_ROOT + "/devices/" + deviceId + "/events",
        body.getBytes(StandardCharsets.UTF_8),
        1,
        false);
  }

  private static String fill(String deviceId, String eventId, Instant at, double level) {
    return "{\"deviceId\":\""
        + deviceId
        + "\",\"deviceType\":\"dustbin\",\"eventId\":\""
        + eventId
        + "\",\"occurredAt\":\""
        + at
        + "\",\"readings\":{\"fillLevel\":"
        + level
        + "}}";
  }

  /** The instances of the process started for this device and alarm type, in any state. */
  private List<ProcessInstance> instancesOf(String deviceId, String alarmType) {
    List<Long> keys =
        camunda
            .newVariableSearchRequest()
            .filter(f -> f.name("deviceId").value("\"" + deviceId + "\""))
            .send()
            .join()
            .items()
            .stream()
            .map(v -> v.getProcessInstanceKey())
            .distinct()
            .toList();
    return keys.stream()
        .map(key -> camunda.newProcessInstanceGetRequest(key).send().join())
        .filter(i -> PROCESS.equals(i.getProcessDefinitionId()))
        .filter(i -> hasVariable(i.getProcessInstanceKey(), "alarmType", alarmType))
        .toList();
  }

  private List<ProcessInstance> activeInstancesOf(String deviceId, String alarmType) {
    return instancesOf(deviceId, alarmType).stream()
        .filter(i -> i.getState() == ProcessInstanceState.ACTIVE)
        .toList();
  }

  private boolean hasVariable(long processInstanceKey, String name, String value) {
    return !camunda
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey).name(name).value("\"" + value + "\""))
        .send()
        .join()
        .items()
        .isEmpty();
  }

  private ProcessInstanceState stateOf(long processInstanceKey) {
    return camunda.newProcessInstanceGetRequest(processInstanceKey).send().join().getState();
  }

  private boolean waitsAt(long processInstanceKey, String elementId) {
    return !camunda
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey).elementId(elementId))
        .send()
        .join()
        .items()
        .isEmpty();
  }

  private List<String> flowsTaken(long processInstanceKey) {
    return camunda.newProcessInstanceSequenceFlowsRequest(processInstanceKey).send().join().stream()
        .map(ProcessInstanceSequenceFlow::getElementId)
        .toList();
  }

  /** The status of the case the instance opened, or null while there is none. */
  private String caseOf(long processInstanceKey) throws Exception {
    try (Connection c = database.connect();
        PreparedStatement select =
            c.prepareStatement("select status from city_case where process_instance_key = ?")) {
      select.setLong(1, processInstanceKey);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  private int casesOfDevice(String deviceId) throws Exception {
    int cases = 0;
    for (ProcessInstance instance : instancesOf(deviceId, "fill-level")) {
      if (caseOf(instance.getProcessInstanceKey()) != null) {
        cases++;
      }
    }
    return cases;
  }

  private int repeatCount(String deviceId, String alarmType) throws Exception {
    try (Connection c = database.connect();
        PreparedStatement select =
            c.prepareStatement(
                "select repeat_count from device_alarm where device_id = ? and alarm_type = ?")) {
      select.setString(1, deviceId);
      select.setString(2, alarmType);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getInt(1) : -1;
      }
    }
  }

  private static ProcessInstance single(List<ProcessInstance> instances) {
    return instances.size() == 1 ? instances.get(0) : null;
  }

  private interface Check<T> {
    T get() throws Exception;
  }

  private static <T> T awaitValue(Duration atMost, Check<T> value) throws Exception {
    return awaitValue(atMost, value, Duration.ofMillis(200));
  }

  private static <T> T awaitValue(Duration atMost, Check<T> value, Duration poll) throws Exception {
    long deadline = System.nanoTime() + atMost.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        T result = value.get();
        if (result != null) {
          return result;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(poll.toMillis());
    }
    throw new AssertionError("nothing within " + atMost, last);
  }

  private static void await(Duration atMost, Check<Boolean> condition) throws Exception {
    await(atMost, condition, Duration.ofMillis(200));
  }

  private static void await(Duration atMost, Check<Boolean> condition, Duration poll)
      throws Exception {
    awaitValue(atMost, () -> Boolean.TRUE.equals(condition.get()) ? Boolean.TRUE : null, poll);
  }
}
