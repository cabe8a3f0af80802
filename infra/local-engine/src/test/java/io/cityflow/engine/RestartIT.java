package io.cityflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.worker.JobWorker;
import io.cityflow.testsupport.FreePort;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the engine's JVM (SIGKILL, no shutdown hook) in the middle of a flow, twice, restarts it on
 * the same database, and checks that the flow finishes exactly once.
 */
@ExtendWith(PostgresExtension.class)
class RestartIT {

  /** A local engine in a JVM of its own, so that it can be killed for real. */
  private record EngineProcess(Process process, URI address) implements AutoCloseable {

    static EngineProcess start(String jdbcUrl, String user, String password) throws IOException {
      int port = FreePort.next();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process =
          new ProcessBuilder(
                  java,
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "-Dengine.jdbc.url=" + jdbcUrl,
                  "-Dengine.jdbc.user=" + user,
                  "-Dengine.jdbc.password=" + password,
                  "-Dengine.port=" + port,
                  LocalEngineMain.class.getName())
              .redirectErrorStream(true)
              .start();
      BufferedReader output =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = output.readLine()) != null) {
        if (line.startsWith("Local engine listening")) {
          Thread drain = new Thread(() -> output.lines().forEach(l -> {}));
          drain.setDaemon(true);
          drain.start();
          return new EngineProcess(process, URI.create("http://127.0.0.1:" + port));
        }
      }
      throw new IllegalStateException("The engine process ended before it listened");
    }

    CamundaClient client() {
      return CamundaClient.newClientBuilder()
          .applyEnvironmentVariableOverrides(false)
          .restAddress(address)
          .preferRestOverGrpc(true)
          .build();
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
      kill();
    }
  }

  @Test
  void flowSurvivesKillsOnAnH2File(@TempDir Path directory) throws Exception {
    Files.createDirectories(directory);
    runFlowWithKills("jdbc:h2:file:" + directory.resolve("engine"), "sa", "");
  }

  @Test
  void flowSurvivesKillsOnPostgres(PostgresDatabase database) throws Exception {
    runFlowWithKills(database.jdbcUrl(), database.user(), database.password());
  }

  private static void runFlowWithKills(String jdbcUrl, String user, String password)
      throws Exception {
    long instanceKey;
    long lockedJobKey;
    // Given an instance whose job a worker holds when the engine dies
    try (EngineProcess first = EngineProcess.start(jdbcUrl, user, password);
        CamundaClient client = first.client()) {
      client.newDeployResourceCommand().addResourceFromClasspath("bpmn/restart.bpmn").send().join();
      instanceKey =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("restart")
              .latestVersion()
              .variables(Map.of("caseId", "case-1"))
              .send()
              .join()
              .getProcessInstanceKey();
      client
          .newPublishMessageCommand()
          .messageName("restart-go")
          .correlationKey("case-1")
          .timeToLive(Duration.ofHours(1))
          .send()
          .join();
      List<ActivatedJob> jobs =
          client
              .newActivateJobsCommand()
              .jobType("restart.work")
              .maxJobsToActivate(1)
              .timeout(Duration.ofSeconds(1))
              .send()
              .join()
              .getJobs();
      assertThat(jobs).hasSize(1);
      lockedJobKey = jobs.get(0).getKey();
      first.kill();
    }

    // When the engine restarts, the lapsed job is handed out again and the buffered message waits
    AtomicInteger handled = new AtomicInteger();
    try (EngineProcess second = EngineProcess.start(jdbcUrl, user, password);
        CamundaClient client = second.client();
        JobWorker worker =
            client
                .newWorker()
                .jobType("restart.work")
                .handler(
                    (jobClient, job) -> {
                      assertThat(job.getKey()).isEqualTo(lockedJobKey);
                      handled.incrementAndGet();
                      jobClient
                          .newCompleteCommand(job)
                          .variables(Map.of("worked", true))
                          .send()
                          .join();
                    })
                .open()) {
      await().atMost(Duration.ofSeconds(15)).until(() -> workedIsSet(client, instanceKey));
      client.newPinClockCommand().time(Instant.now().plus(Duration.ofHours(2))).send().join();
      await().atMost(Duration.ofSeconds(10)).until(() -> tasksOf(client, instanceKey).size() == 1);
      second.kill();
    }

    // Then after a second kill the user task is still there, and completing it ends the flow once
    try (EngineProcess third = EngineProcess.start(jdbcUrl, user, password);
        CamundaClient client = third.client()) {
      List<UserTask> tasks = tasksOf(client, instanceKey);
      assertThat(tasks)
          .singleElement()
          .satisfies(t -> assertThat(t.getState()).isEqualTo(UserTaskState.CREATED));
      client.newCompleteUserTaskCommand(tasks.get(0).getUserTaskKey()).send().join();

      assertThat(client.newProcessInstanceGetRequest(instanceKey).send().join().getState())
          .isEqualTo(ProcessInstanceState.COMPLETED);
      assertThat(
              client
                  .newProcessInstanceSearchRequest()
                  .filter(f -> f.processDefinitionId("restart"))
                  .send()
                  .join()
                  .items())
          .hasSize(1);
      assertThat(tasksOf(client, instanceKey))
          .singleElement()
          .satisfies(t -> assertThat(t.getState()).isEqualTo(UserTaskState.COMPLETED));
      assertThat(handled.get()).isEqualTo(1);
      assertThat(
              client
                  .newVariableSearchRequest()
                  .filter(f -> f.processInstanceKey(instanceKey).name("worked"))
                  .send()
                  .join()
                  .items())
          .singleElement()
          .satisfies(v -> assertThat(v.getValue()).isEqualTo("true"));
    }
  }

  /** The job's completion, the message and the timer's creation all commit together. */
  private static boolean workedIsSet(CamundaClient client, long instanceKey) {
    return !client
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(instanceKey).name("worked"))
        .send()
        .join()
        .items()
        .isEmpty();
  }

  private static List<UserTask> tasksOf(CamundaClient client, long instanceKey) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instanceKey))
        .send()
        .join()
        .items();
  }
}
