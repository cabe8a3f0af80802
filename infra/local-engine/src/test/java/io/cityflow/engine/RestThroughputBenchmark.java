package io.cityflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.worker.JobWorker;
import io.cityflow.engine.api.Engine;
import io.cityflow.engine.runtime.ActivatedJob;
import io.cityflow.engine.state.Criterion;
import io.cityflow.engine.state.SearchQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * Instances per second for start → service task (a {@code JobWorker}) → user task (completed
 * through the client) → end, with 20 variables, over REST on an H2 file; and the same flow driven
 * in-process through {@link io.cityflow.engine.api.Engine}. Run with {@code -Pbench}; prints one
 * JSON line.
 */
class RestThroughputBenchmark {

  private static final int WARM_UP = 300;
  private static final int INSTANCES = 3000;
  private static final int IN_FLIGHT = 64;

  @Test
  void measuresCompletedInstancesPerSecondOverRest() throws Exception {
    Path directory = Files.createTempDirectory("engine-bench");
    try (LocalEngine engine = LocalEngine.start(LocalEngineConfig.h2File(directory.toString(), 0));
        CamundaClient client =
            CamundaClient.newClientBuilder()
                .applyEnvironmentVariableOverrides(false)
                .restAddress(engine.restAddress())
                .preferRestOverGrpc(true)
                .numJobWorkerExecutionThreads(4)
                .build()) {
      client
          .newDeployResourceCommand()
          .addResourceFromClasspath("bpmn/service-user.bpmn")
          .send()
          .join();

      // In-process first: a job worker's pending long poll would otherwise take these jobs.
      runInProcess(engine.engine(), WARM_UP);
      long inProcessStarted = System.nanoTime();
      runInProcess(engine.engine(), INSTANCES);
      double inProcessSeconds = (System.nanoTime() - inProcessStarted) / 1e9;

      double seconds;
      try (JobWorker worker =
          client
              .newWorker()
              .jobType("bench.work")
              .handler(
                  (jobClient, job) ->
                      jobClient
                          .newCompleteCommand(job)
                          .variables(Map.of("worked", true))
                          .send()
                          .join())
              .maxJobsActive(128)
              .open()) {
        int before = WARM_UP + INSTANCES; // completed by the in-process phase
        run(client, WARM_UP, before);
        long started = System.nanoTime();
        run(client, INSTANCES, before + WARM_UP);
        seconds = (System.nanoTime() - started) / 1e9;
      }
      assertThat(completed(client)).isEqualTo(2 * (WARM_UP + INSTANCES));

      System.out.printf(
          Locale.ROOT,
          "{\"benchmark\":\"rest-throughput\",\"flow\":\"start-service-user-end\",\"variables\":20,"
              + "\"instances\":%d,\"seconds\":%.2f,\"instancesPerSecond\":%.1f,"
              + "\"inProcessInstancesPerSecond\":%.1f,\"cpus\":%d}%n",
          INSTANCES,
          seconds,
          INSTANCES / seconds,
          INSTANCES / inProcessSeconds,
          Runtime.getRuntime().availableProcessors());
    }
  }

  /** Starts {@code count} instances and completes their user tasks until all have ended. */
  private static void run(CamundaClient client, int count, int alreadyCompleted) throws Exception {
    Map<String, Object> variables = variables();
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    Set<Long> completing = ConcurrentHashMap.newKeySet();
    Thread starter =
        new Thread(
            () -> {
              for (int i = 0; i < count; i++) {
                inFlight.acquireUninterruptibly();
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId("service-user")
                    .latestVersion()
                    .variables(variables)
                    .send()
                    .whenComplete((r, e) -> inFlight.release());
              }
            });
    starter.start();
    while (completed(client) < alreadyCompleted + count) {
      List<UserTask> tasks =
          client
              .newUserTaskSearchRequest()
              .filter(f -> f.state(UserTaskState.CREATED))
              .page(p -> p.limit(500))
              .send()
              .join()
              .items();
      for (UserTask task : tasks) {
        if (completing.add(task.getUserTaskKey())) {
          inFlight.acquireUninterruptibly();
          client
              .newCompleteUserTaskCommand(task.getUserTaskKey())
              .send()
              .whenComplete((r, e) -> inFlight.release());
        }
      }
      if (tasks.isEmpty()) {
        Thread.sleep(5);
      }
    }
    starter.join();
  }

  /** The same flow through the in-process API: all starts, then jobs, then user tasks. */
  private static void runInProcess(Engine engine, int count) {
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      pending.add(engine.createProcessInstance("service-user", -1, variables()));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    for (int done = 0; done < count; ) {
      pending.clear();
      for (ActivatedJob job :
          engine.activateJobs("bench.work", "bench", 60_000, 1000, List.of(), 0).join()) {
        pending.add(engine.completeJob(job.job().key, Map.of("worked", true)));
        done++;
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }
    SearchQuery created =
        new SearchQuery(List.of(Criterion.eq("state", "CREATED")), List.of(), 0, 1000);
    for (int done = 0; done < count; ) {
      pending.clear();
      for (var task : engine.searchUserTasks(created).items()) {
        pending.add(engine.completeUserTask(task.key, Map.of()));
        done++;
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }
  }

  private static Map<String, Object> variables() {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      variables.put("var" + i, "value-" + i);
    }
    return variables;
  }

  private static long completed(CamundaClient client) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(f -> f.state(ProcessInstanceState.COMPLETED))
        .page(p -> p.limit(1))
        .send()
        .join()
        .page()
        .totalItems();
  }
}
