package io.cityflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.worker.JobWorker;
import io.cityflow.engine.api.Engine;
import io.cityflow.engine.runtime.ActivatedJob;
import io.cityflow.engine.state.Criterion;
import io.cityflow.engine.state.SearchQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.flowable.job.api.AcquiredExternalWorkerJob;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.Test;

/**
 * One workload, side by side in one run: start → service task → user task → end with 20 variables
 * of mixed types, on Flowable 7 embedded (with its default history, and with history off), on the
 * local engine in-process through {@link Engine}, and on the local engine over REST through the
 * real Camunda client with a {@code JobWorker}. Each subject gets a fresh in-memory H2 database, a
 * warm-up, then the measured instances, never more than {@value #MAX_IN_FLIGHT} in flight. The same
 * three stages drive every subject: a starter, a job worker and a task completer, each taking work
 * in batches of {@value #BATCH}. Run with {@code -Pbench}; prints one JSON line.
 *
 * <p>{@code -Dpeer.instances}, {@code -Dpeer.warmUp} and {@code -Dpeer.subjects} (a comma list of
 * flowable, flowable-no-history, in-process, rest) shorten a run while profiling.
 */
class PeerBenchmark {

  private static final int WARM_UP = Integer.getInteger("peer.warmUp", 5_000);
  private static final int INSTANCES = Integer.getInteger("peer.instances", 20_000);
  private static final int MAX_IN_FLIGHT = 1_000;
  private static final int BATCH = 100;
  private static final String SUBJECTS =
      System.getProperty("peer.subjects", "flowable,flowable-no-history,in-process,rest");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One engine under test; each method is called by one driver thread. */
  private interface Subject extends AutoCloseable {
    /** Starts an instance; the future completes once the engine has acknowledged it. */
    CompletableFuture<?> start(int index);

    /** Takes up to a batch of jobs and completes them; the number completed, 0 when none. */
    int workJobs() throws Exception;

    /** Completes up to a batch of open user tasks; the number completed, 0 when none. */
    int completeTasks() throws Exception;

    /** Starters: Flowable starts synchronously, so it gets two; the others answer futures. */
    default int starterThreads() {
      return 1;
    }
  }

  @Test
  void comparesCompletedInstancesPerSecondWithFlowable() throws Exception {
    Map<String, Double> rates = new LinkedHashMap<>();
    for (String subject : SUBJECTS.split(",")) {
      try (Subject s = open(subject.trim())) {
        run(s, WARM_UP);
        long started = System.nanoTime();
        run(s, INSTANCES);
        rates.put(subject.trim(), INSTANCES / ((System.nanoTime() - started) / 1e9));
      }
    }

    assertThat(rates.values()).allMatch(rate -> rate > 0);
    StringBuilder json = new StringBuilder();
    json.append(
        String.format(
            Locale.ROOT,
            "{\"benchmark\":\"peer-throughput\",\"flow\":\"start-service-user-end\","
                + "\"variables\":20,\"warmUp\":%d,\"instances\":%d,\"maxInFlight\":%d,"
                + "\"database\":\"h2-memory\",\"instancesPerSecond\":{",
            WARM_UP,
            INSTANCES,
            MAX_IN_FLIGHT));
    json.append(
        String.join(
            ",",
            rates.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "\"%s\":%.1f", e.getKey(), e.getValue()))
                .toList()));
    json.append("},\"ratios\":{");
    List<String> ratios = new ArrayList<>();
    for (String local : List.of("in-process", "rest")) {
      for (String peer : List.of("flowable", "flowable-no-history")) {
        if (rates.containsKey(local) && rates.containsKey(peer)) {
          ratios.add(
              String.format(
                  Locale.ROOT, "\"%s/%s\":%.2f", local, peer, rates.get(local) / rates.get(peer)));
        }
      }
    }
    json.append(String.join(",", ratios));
    json.append(
        String.format(
            Locale.ROOT,
            "},\"targets\":{\"in-process/flowable\":5,\"rest/flowable\":2},\"cpus\":%d}",
            Runtime.getRuntime().availableProcessors()));
    System.out.println(json);
  }

  private static Subject open(String name) throws Exception {
    return switch (name) {
      case "flowable" -> new FlowableSubject(HistoryLevel.AUDIT);
      case "flowable-no-history" -> new FlowableSubject(HistoryLevel.NONE);
      case "in-process" -> new InProcessSubject();
      case "rest" -> new RestSubject();
      default -> throw new IllegalArgumentException("Unknown subject " + name);
    };
  }

  /**
   * Runs {@code count} instances to their end: starters hold a permit per instance in flight, the
   * task completer hands permits back as instances end (completing the user task ends them).
   */
  private static void run(Subject subject, int count) throws Exception {
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    AtomicInteger toStart = new AtomicInteger(count);
    AtomicInteger completed = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < subject.starterThreads(); i++) {
      threads.add(
          driver(
              "starter",
              failure,
              () -> {
                int index;
                while ((index = toStart.decrementAndGet()) >= 0 && failure.get() == null) {
                  inFlight.acquire();
                  subject
                      .start(index)
                      .whenComplete(
                          (r, e) -> {
                            if (e != null) {
                              failure.compareAndSet(null, e);
                            }
                          });
                }
              }));
    }
    threads.add(
        driver(
            "worker",
            failure,
            () -> {
              while (completed.get() < count && failure.get() == null) {
                if (subject.workJobs() == 0) {
                  Thread.sleep(1);
                }
              }
            }));
    threads.add(
        driver(
            "tasks",
            failure,
            () -> {
              while (completed.get() < count && failure.get() == null) {
                int done = subject.completeTasks();
                completed.addAndGet(done);
                inFlight.release(done);
                if (done == 0) {
                  Thread.sleep(1);
                }
              }
            }));
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join(TimeUnit.MINUTES.toMillis(30));
    }
    if (failure.get() != null) {
      throw new IllegalStateException("The run failed", failure.get());
    }
    assertThat(completed.get()).isEqualTo(count);
  }

  /** A driver stage; its first failure stops the run. */
  private interface Stage {
    void run() throws Exception;
  }

  private static Thread driver(String name, AtomicReference<Throwable> failure, Stage stage) {
    Thread thread =
        new Thread(
            () -> {
              try {
                stage.run();
              } catch (Throwable e) {
                failure.compareAndSet(null, e);
              }
            },
            "peer-" + name);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * The 20 variables: strings, integers, longs, doubles, booleans, a date, a list and a nested map.
   * {@code jsonForFlowable} turns the map and the list into Jackson nodes, which Flowable stores as
   * its {@code json} type instead of serializing Java objects.
   */
  private static Map<String, Object> variables(int index, boolean jsonForFlowable) {
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("street", "Beijing Road");
    address.put("number", 100 + index % 50);
    address.put("district", "Xingqing");
    address.put("geo", Map.of("lat", 38.4872, "lon", 106.2309));
    List<String> tags = List.of("water", "urgent", "hotline");
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("caseReference", "HL-2026-" + index);
    v.put("applicant", "Li Wei");
    v.put("channel", "hotline");
    v.put("category", "water-supply");
    v.put("department", "water-bureau");
    v.put("description", "No water pressure on the upper floors since this morning.");
    v.put("priority", index % 5);
    v.put("floor", 7);
    v.put("attempts", 0);
    v.put("score", 82);
    v.put("caseNumber", 9_000_000_000L + index);
    v.put("deviceSerial", 4_200_000_000L + index);
    v.put("latitude", 38.4872);
    v.put("longitude", 106.2309);
    v.put("urgent", index % 2 == 0);
    v.put("citizenNotified", false);
    v.put("verified", true);
    v.put("submittedAt", "2026-11-28T09:30:00Z");
    v.put("tags", jsonForFlowable ? JSON.valueToTree(tags) : tags);
    v.put("address", jsonForFlowable ? JSON.valueToTree(address) : address);
    return v;
  }

  /** Flowable 7 embedded, on in-memory H2, driven through its Java API. */
  private static final class FlowableSubject implements Subject {

    private static final String BPMN =
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:flowable="http://flowable.org/bpmn" targetNamespace="urn:peer-benchmark">
          <process id="peer" isExecutable="true">
            <startEvent id="start"/>
            <sequenceFlow id="toWork" sourceRef="start" targetRef="work"/>
            <serviceTask id="work" flowable:type="external-worker" flowable:topic="bench.work"/>
            <sequenceFlow id="toApprove" sourceRef="work" targetRef="approve"/>
            <userTask id="approve" name="Approve"/>
            <sequenceFlow id="toEnd" sourceRef="approve" targetRef="end"/>
            <endEvent id="end"/>
          </process>
        </definitions>
        """;

    private final ProcessEngine engine;

    FlowableSubject(HistoryLevel history) {
      StandaloneInMemProcessEngineConfiguration configuration =
          new StandaloneInMemProcessEngineConfiguration();
      configuration.setJdbcUrl("jdbc:h2:mem:flowable-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
      // Completing an external-worker job continues the instance through an async job.
      configuration.setAsyncExecutorActivate(true);
      configuration.setHistoryLevel(history);
      this.engine = configuration.buildProcessEngine();
      engine.getRepositoryService().createDeployment().addString("peer.bpmn20.xml", BPMN).deploy();
    }

    @Override
    public CompletableFuture<?> start(int index) {
      engine.getRuntimeService().startProcessInstanceByKey("peer", variables(index, true));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public int starterThreads() {
      return 2;
    }

    @Override
    public int workJobs() {
      List<AcquiredExternalWorkerJob> jobs =
          engine
              .getManagementService()
              .createExternalWorkerJobAcquireBuilder()
              .topic("bench.work", Duration.ofMinutes(10))
              .acquireAndLock(BATCH, "bench");
      for (AcquiredExternalWorkerJob job : jobs) {
        engine
            .getManagementService()
            .createExternalWorkerCompletionBuilder(job.getId(), "bench")
            .variable("worked", true)
            .complete();
      }
      return jobs.size();
    }

    @Override
    public int completeTasks() {
      List<Task> tasks =
          engine.getTaskService().createTaskQuery().processDefinitionKey("peer").listPage(0, BATCH);
      for (Task task : tasks) {
        engine.getTaskService().complete(task.getId());
      }
      return tasks.size();
    }

    @Override
    public void close() {
      engine.close();
    }
  }

  /** The local engine in-process, through its {@link Engine} API, on in-memory H2. */
  private static final class InProcessSubject implements Subject {

    private final LocalEngine local = LocalEngine.start(EngineTestSupport.inMemory());
    private final Engine engine = local.engine();
    private final Set<Long> completing = ConcurrentHashMap.newKeySet();

    InProcessSubject() {
      EngineTestSupport.deploy(engine, "bpmn/service-user.bpmn");
    }

    @Override
    public CompletableFuture<?> start(int index) {
      return engine.createProcessInstance("service-user", -1, variables(index, false));
    }

    @Override
    public int workJobs() {
      List<CompletableFuture<?>> pending = new ArrayList<>();
      for (ActivatedJob job :
          engine.activateJobs("bench.work", "bench", 600_000, BATCH, List.of(), 0).join()) {
        pending.add(engine.completeJob(job.job().key, Map.of("worked", true)));
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
      return pending.size();
    }

    @Override
    public int completeTasks() {
      List<CompletableFuture<?>> pending = new ArrayList<>();
      SearchQuery created =
          new SearchQuery(List.of(Criterion.eq("state", "CREATED")), List.of(), 0, BATCH);
      for (var task : engine.searchUserTasks(created).items()) {
        if (completing.add(task.key)) {
          pending.add(engine.completeUserTask(task.key, Map.of()));
        }
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
      return pending.size();
    }

    @Override
    public void close() {
      local.close();
    }
  }

  /** The local engine over REST: the real Camunda client, with a {@code JobWorker}. */
  private static final class RestSubject implements Subject {

    private final LocalEngine local = LocalEngine.start(EngineTestSupport.inMemory());
    private final CamundaClient client =
        CamundaClient.newClientBuilder()
            .applyEnvironmentVariableOverrides(false)
            .restAddress(local.restAddress())
            .preferRestOverGrpc(true)
            .numJobWorkerExecutionThreads(4)
            .build();
    private final Set<Long> completing = ConcurrentHashMap.newKeySet();
    private final JobWorker worker;

    RestSubject() {
      client
          .newDeployResourceCommand()
          .addResourceFromClasspath("bpmn/service-user.bpmn")
          .send()
          .join();
      worker =
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
              .maxJobsActive(BATCH)
              .open();
    }

    @Override
    public CompletableFuture<?> start(int index) {
      return client
          .newCreateInstanceCommand()
          .bpmnProcessId("service-user")
          .latestVersion()
          .variables(variables(index, false))
          .send()
          .toCompletableFuture();
    }

    /** The client's {@code JobWorker} does this stage on its own threads. */
    @Override
    public int workJobs() throws InterruptedException {
      Thread.sleep(50);
      return 0;
    }

    @Override
    public int completeTasks() {
      List<UserTask> tasks =
          client
              .newUserTaskSearchRequest()
              .filter(f -> f.state(UserTaskState.CREATED))
              .page(p -> p.limit(BATCH))
              .send()
              .join()
              .items();
      List<CompletableFuture<?>> pending = new ArrayList<>();
      for (UserTask task : tasks) {
        if (completing.add(task.getUserTaskKey())) {
          pending.add(
              client
                  .newCompleteUserTaskCommand(task.getUserTaskKey())
                  .send()
                  .toCompletableFuture());
        }
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
      return pending.size();
    }

    @Override
    public void close() {
      worker.close();
      client.close();
      local.close();
    }
  }
}
