package io.cityflow.devices.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.ActivatedJob;
import io.cityflow.devices.DemoDevices;
import io.cityflow.devices.Events;
import io.cityflow.devices.RecordingPublisher;
import io.cityflow.devices.config.DeviceSettings;
import io.cityflow.devices.config.FunctionWiring;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deployment jar itself (built at {@code package}, run at {@code verify}): both functions start
 * from {@code target/device-events-lambda.jar} alone, in JVMs of their own, configured by the
 * environment variables the AWS stacks set, against PostgreSQL and the local engine. This catches
 * what the in-JVM tests cannot: a class the tests bring but the jar lacks (the jar carries no
 * Micronaut, and the Camunda client must still be built from it).
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceEventsLambdaJarIT {
  private static final Path JAR = Path.of("target/device-events-lambda.jar").toAbsolutePath();
  private static final Path DRIVER = Path.of("src/test/resources/lambda-jar/InvokeHandler.java");
  private static final Path SCHEDULE =
      Path.of("src/test/resources/events/eventbridge-heartbeat-schedule.json");
  private static final String SQS_HANDLER = SqsDeviceEventFunction.class.getName();
  private static final String HEARTBEAT_HANDLER = HeartbeatFunction.class.getName();

  private final ObjectMapper json = new ObjectMapper();
  private final Path work = Path.of("target", "lambda-jar-it").toAbsolutePath();
  private final PostgresDatabase database;
  private LocalEngineWithTestModel engine;

  DeviceEventsLambdaJarIT(PostgresDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void startEngineAndRegisterDevices() throws Exception {
    assertThat(JAR).as("run after the package phase").exists();
    Files.createDirectories(work);
    engine = LocalEngineWithTestModel.start();
    try (FunctionWiring wiring =
        new FunctionWiring(
            FunctionWiring.Entry.HEARTBEAT,
            DeviceSettings.of(
                Map.of(
                    "datasources.default.url", database.jdbcUrl(),
                    "datasources.default.username", database.user(),
                    "datasources.default.password", database.password())),
            new RecordingPublisher())) {
      wiring.store().register(DemoDevices.generate(5));
    }
  }

  @AfterAll
  void stopEngine() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void carriesNeitherMicronautNorTheLocalHostsLibraries() throws Exception {
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      assertThat(jar.stream().map(entry -> entry.getName()))
          .contains(HEARTBEAT_HANDLER.replace('.', '/') + ".class")
          .noneMatch(name -> name.startsWith("io/micronaut/"))
          .noneMatch(name -> name.startsWith("jakarta/inject/"))
          .noneMatch(name -> name.startsWith("com/zaxxer/hikari/"))
          .noneMatch(name -> name.startsWith("org/eclipse/paho/"));
    }
  }

  @Test
  void theHeartbeatFunctionRaisesTheOfflineAlarmOfADeviceTheSqsFunctionLastHeardLongAgo()
      throws Exception {
    // given a heartbeat check while no device has been heard from, logging the classes it loads
    Path classes = work.resolve("quiet-heartbeat-classes.log");
    Files.deleteIfExists(classes);
    List<JsonNode> quiet =
        run(List.of("-Xlog:class+load=info:file=" + classes), HEARTBEAT_HANDLER, 1, SCHEDULE);

    // then it found nothing, and loaded no Micronaut class to find it
    assertThat(quiet).singleElement().isEqualTo(sweep(0, 0));
    List<String> loaded = Files.readAllLines(classes);
    assertThat(loaded).anyMatch(line -> line.contains(" " + HEARTBEAT_HANDLER + " "));
    assertThat(loaded).noneMatch(line -> line.contains(" io.micronaut."));

    // when the SQS function records a traffic light's reading of ten minutes ago (its type may be
    // silent for five) and a bin's of the same time (two hours)
    Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10));
    Path light = work.resolve("light.json");
    Files.writeString(
        light,
        Events.readings(
            "traffic-light-0003",
            "traffic-light",
            "jar-" + System.nanoTime(),
            tenMinutesAgo,
            "{\"temperature\":20}"));
    Path bin = work.resolve("bin.json");
    Files.writeString(
        bin, Events.fill("dustbin-0003", "jar-" + System.nanoTime(), tenMinutesAgo, 40));
    List<JsonNode> batch = run(List.of(), SQS_HANDLER, 1, light, bin);

    // and the schedule fires twice on a new function
    List<JsonNode> sweeps = run(List.of(), HEARTBEAT_HANDLER, 2, SCHEDULE);

    // then the batch went through, the light went offline once, and the bin did not
    assertThat(batch)
        .singleElement()
        .satisfies(response -> assertThat(response.get("batchItemFailures")).isEmpty());
    assertThat(sweeps).containsExactly(sweep(1, 0), sweep(0, 0));
    try (Connection c = database.connect();
        ResultSet rows =
            c.createStatement()
                .executeQuery(
                    "select device_id, alarm_type, priority, active from device_alarm"
                        + " order by device_id")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("traffic-light-0003");
      assertThat(rows.getString(2)).isEqualTo("offline");
      assertThat(rows.getString(3)).isEqualTo("high");
      assertThat(rows.getBoolean(4)).isTrue();
      assertThat(rows.next()).isFalse();
    }

    // and the engine opened one case for it, through the Camunda client built from the jar
    List<ActivatedJob> cases = engine.openedCases(1);
    assertThat(cases)
        .singleElement()
        .satisfies(
            job ->
                assertThat(job.getVariablesAsMap())
                    .containsEntry("deviceId", "traffic-light-0003")
                    .containsEntry("alarmType", "offline")
                    .containsEntry("priority", "high"));
  }

  private JsonNode sweep(int offline, int forgottenEvents) {
    return json.valueToTree(Map.of("offline", offline, "forgottenEvents", forgottenEvents));
  }

  /**
   * Runs {@code handler} from the Lambda jar alone, {@code times} invocations with {@code events},
   * configured as on AWS by environment variables; answers the handler's results.
   */
  private List<JsonNode> run(List<String> flags, String handler, int times, Path... events)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.addAll(List.of("-cp", JAR.toString(), DRIVER.toString(), handler, "" + times));
    for (Path event : events) {
      command.add(event.toString());
    }
    Path output = Files.createTempFile(work, "run", ".log");
    ProcessBuilder launch =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    Map<String, String> env = launch.environment();
    env.remove("JAVA_TOOL_OPTIONS");
    env.put("DATASOURCES_DEFAULT_URL", database.jdbcUrl());
    env.put("DATASOURCES_DEFAULT_USERNAME", database.user());
    env.put("DATASOURCES_DEFAULT_PASSWORD", database.password());
    env.put("DATASOURCES_DEFAULT_DRIVER_CLASS_NAME", "org.postgresql.Driver");
    env.put("CITYFLOW_CAMUNDA_REST_ADDRESS", engine.restAddress().toString());

    Process process = launch.start();
    boolean exited = process.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String log = Files.readString(output, StandardCharsets.UTF_8);
    Files.deleteIfExists(output);
    assertThat(exited).as("%s exited within 120 s; output:%n%s", handler, log).isTrue();
    assertThat(process.exitValue()).as("%s exit code; output:%n%s", handler, log).isZero();
    List<JsonNode> results = new ArrayList<>();
    for (String line : log.lines().toList()) {
      if (line.startsWith("RESULT ")) {
        results.add(json.readTree(line.substring("RESULT ".length())));
      }
    }
    assertThat(results).as("results of %s; output:%n%s", handler, log).hasSize(times);
    return results;
  }
}
