package io.cityflow.localstack;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.cityflow.testsupport.FreePort;
import io.cityflow.testsupport.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The settings every test that starts the whole stack shares: the case database on the test's own
 * PostgreSQL database, a fresh in-memory engine on a free port with the client pointed at it, and
 * the HTTP server on a random port. Tests add their own settings to the returned map. Also what
 * such tests need around it: the repository's models, and waiting for the stack to catch up.
 */
public final class TestStacks {
  private TestStacks() {}

  public static Map<String, Object> onPostgres(PostgresDatabase database) {
    int enginePort = FreePort.next();
    Map<String, Object> config = new HashMap<>();
    config.put("micronaut.server.port", -1);
    config.put("datasources.default.url", database.jdbcUrl());
    config.put("datasources.default.username", database.user());
    config.put("datasources.default.password", database.password());
    config.put("datasources.default.driver-class-name", "org.postgresql.Driver");
    config.put("datasources.default.dialect", "POSTGRES");
    config.put(
        "cityflow.engine.jdbc-url",
        "jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    config.put("cityflow.engine.port", enginePort);
    config.put("cityflow.camunda.rest-address", "http://localhost:" + enginePort);
    return config;
  }

  /**
   * A stack for hotline journeys over HTTP: no devices (no MQTT broker, heartbeat or demo fleet),
   * attachments in the given folder, and the hotline ticket's models deployed.
   */
  public static LocalStack startForHotline(PostgresDatabase database, String attachments)
      throws IOException {
    Map<String, Object> config = onPostgres(database);
    config.put("cityflow.devices.mqtt.enabled", false);
    config.put("cityflow.devices.heartbeat.enabled", false);
    config.put("cityflow.devices.demo.enabled", false);
    config.put("cityflow.attachments.directory", attachments);
    LocalStack stack = LocalStack.start(config);
    try {
      deployHotlineTicket(stack.bean(CamundaClient.class));
    } catch (IOException | RuntimeException e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  /** The hotline ticket, the processes it calls, its routing table and its task forms. */
  public static void deployHotlineTicket(CamundaClient camunda) throws IOException {
    Path root = projectRoot();
    List<String> files =
        List.of(
            "workflows/bpmn/hotline-ticket.bpmn",
            "workflows/bpmn/hotline-child-ticket.bpmn",
            "workflows/bpmn/request-information.bpmn",
            "workflows/bpmn/notify-citizen.bpmn",
            "workflows/dmn/hotline-routing.dmn",
            "forms/handle-ticket.form",
            "forms/handle-child-ticket.form",
            "forms/supervisor-escalation.form");
    DeployResourceCommandStep2 deploy = null;
    for (String file : files) {
      byte[] content = Files.readAllBytes(root.resolve(file));
      String name = Path.of(file).getFileName().toString();
      deploy =
          deploy == null
              ? camunda.newDeployResourceCommand().addResourceBytes(content, name)
              : deploy.addResourceBytes(content, name);
    }
    Optional.ofNullable(deploy).orElseThrow().send().join();
  }

  /** The repository's root: the nearest folder above the working directory with the models. */
  public static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("workflows/bpmn"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("run from inside the repository: no workflows/bpmn above");
    }
    return dir;
  }

  /** Looks for something the stack does in the background. */
  public interface Probe<T> {
    /** The value once it is there, else null. */
    T get() throws Exception;
  }

  /** Polls until the probe answers, for at most the given patience. */
  public static <T> T await(String what, Duration patience, Probe<T> probe) throws Exception {
    Instant deadline = Instant.now().plus(patience);
    while (Instant.now().isBefore(deadline)) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("waited " + patience.toSeconds() + " s for " + what);
  }
}
