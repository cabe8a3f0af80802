package io.cityflow.cases.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.cityflow.cases.CaseMessages;
import io.cityflow.engine.LocalEngine;
import io.cityflow.engine.LocalEngineConfig;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.context.ApplicationContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kills a JVM between the commit of a submission and its dispatch, then restarts the dispatcher
 * against the local engine: the case's process starts exactly once, also when the first dispatch
 * "dies" after the engine accepted the message and the command is sent again.
 */
@ExtendWith(PostgresExtension.class)
class OutboxCrashIT {
  private static final String PROCESS_ID = "case-crash-test";

  @Test
  void aJvmKilledAfterTheCommitLosesNothingAndDuplicatesNothing(PostgresDatabase database)
      throws Exception {
    LocalEngineConfig engineConfig =
        new LocalEngineConfig(
            "jdbc:h2:mem:crash-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "sa",
            "",
            "127.0.0.1",
            0);
    try (LocalEngine engine = LocalEngine.start(engineConfig);
        CamundaClient client =
            CamundaClient.newClientBuilder()
                .applyEnvironmentVariableOverrides(false)
                .restAddress(engine.restAddress())
                .preferRestOverGrpc(true)
                .build()) {
      // given a deployed process started by the case-submitted message
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess(PROCESS_ID)
                  .startEvent("Event_CaseSubmitted")
                  .message(CaseMessages.startMessage(io.cityflow.cases.CaseType.HOTLINE_TICKET))
                  .userTask("Task_HandleCase")
                  .zeebeUserTask()
                  .endEvent()
                  .done(),
              PROCESS_ID + ".bpmn")
          .send()
          .join();

      // when a JVM commits a submission and is killed before dispatching it
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  SubmitThenDie.class.getName(),
                  database.jdbcUrl(),
                  database.user(),
                  database.password())
              .redirectErrorStream(true)
              .start();
      String caseId = null;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("CASE_ID=")) {
            caseId = line.substring("CASE_ID=".length());
          }
        }
      }
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isEqualTo(137);
      assertThat(caseId).isNotNull();
      assertThat(unsent(database)).isEqualTo(1);

      // and the dispatcher starts again, publishes, and is "killed" before marking the row sent
      Map<String, Object> config = new HashMap<>();
      config.put("datasources.default.url", database.jdbcUrl());
      config.put("datasources.default.username", database.user());
      config.put("datasources.default.password", database.password());
      config.put("datasources.default.dialect", "POSTGRES");
      config.put("flyway.datasources.default.enabled", true);
      config.put("cityflow.outbox.dispatcher.enabled", false);
      config.put("cityflow.workers.enabled", false);
      config.put("cityflow.camunda.rest-address", engine.restAddress().toString());
      try (ApplicationContext app = ApplicationContext.run(config)) {
        OutboxDispatcher dispatcher = app.getBean(OutboxDispatcher.class);
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        execute(database, "update outbox_command set sent_at = null");
        assertThat(dispatcher.dispatchDue()).as("sent again").isEqualTo(1);
      }

      // then the case's process runs exactly once and nothing is left to send
      assertThat(unsent(database)).isZero();
      long instances = 0;
      for (int i = 0; i < 50 && instances == 0; i++) {
        instances =
            client
                .newProcessInstanceSearchRequest()
                .filter(f -> f.processDefinitionId(PROCESS_ID))
                .send()
                .join()
                .items()
                .size();
        if (instances == 0) {
          Thread.sleep(100);
        }
      }
      Thread.sleep(300);
      instances =
          client
              .newProcessInstanceSearchRequest()
              .filter(f -> f.processDefinitionId(PROCESS_ID))
              .send()
              .join()
              .items()
              .size();
      assertThat(instances).isEqualTo(1);
    }
  }

  private static long unsent(PostgresDatabase database) throws Exception {
    try (Connection c = database.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery("select count(*) from outbox_command where sent_at is null")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(PostgresDatabase database, String sql) throws Exception {
    try (Connection c = database.connect()) {
      c.createStatement().execute(sql);
    }
  }
}
