package io.cityflow.workflows.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.cityflow.engine.LocalEngine;
import io.cityflow.engine.LocalEngineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What a process test needs to play every part around a model: the citizen and the devices
 * (messages), the workers (jobs completed or failed with a BPMN error), the clerks (user tasks) and
 * time (the engine clock). It runs a local engine of its own on an in-memory database, with every
 * model, decision and form of the project deployed, and talks to it only through the Camunda
 * client.
 */
final class ProcessHarness implements AutoCloseable {

  /** How long the test waits for the engine to reach a state (a job, a task, an end). */
  static final Duration WAIT = Duration.ofSeconds(20);

  /** Small processes that call a shared model the way the case processes do. */
  private static final Path TEST_CALLERS = Path.of("src", "test", "resources", "processes");

  private final LocalEngine engine;
  private final CamundaClient client;
  private Instant now;

  private ProcessHarness(LocalEngine engine, CamundaClient client) {
    this.engine = engine;
    this.client = client;
  }

  static ProcessHarness start(String name) {
    LocalEngine engine =
        LocalEngine.start(
            new LocalEngineConfig(
                "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa",
                "",
                "127.0.0.1",
                0));
    CamundaClient client =
        CamundaClient.newClientBuilder()
            .applyEnvironmentVariableOverrides(false)
            .restAddress(engine.restAddress())
            .preferRestOverGrpc(true)
            .defaultRequestTimeout(WAIT)
            .build();
    ProcessHarness harness = new ProcessHarness(engine, client);
    try {
      harness.deployEverything();
    } catch (RuntimeException e) {
      harness.close();
      throw e;
    }
    return harness;
  }

  CamundaClient client() {
    return client;
  }

  /**
   * Deploys what the local stack deploys (every model, decision and form) and the test callers of
   * {@code src/test/resources/processes}, in one deployment.
   */
  private void deployEverything() {
    List<Path> resources =
        Stream.of(
                Models.bpmnFiles().stream(),
                Models.dmnFiles().stream(),
                files(Models.FORMS, ".form").stream(),
                files(TEST_CALLERS, ".bpmn").stream())
            .flatMap(s -> s)
            .toList();
    var command =
        client
            .newDeployResourceCommand()
            .addResourceBytes(read(resources.get(0)), name(resources.get(0)));
    for (Path resource : resources.subList(1, resources.size())) {
      command = command.addResourceBytes(read(resource), name(resource));
    }
    command.send().join();
  }

  /** Pins the engine clock at the start of a test, so that every timer is relative to it. */
  void pinClock() {
    now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    client.newPinClockCommand().time(now).send().join();
  }

  /** The pinned engine time. */
  Instant now() {
    return now;
  }

  /** Moves the engine clock forward; timers due by then fire. */
  void advanceClock(Duration duration) {
    now = now.plus(duration);
    client.newPinClockCommand().time(now).send().join();
  }

  /** Starts an instance of a process with a none start event (the called processes). */
  long start(String processId, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  /**
   * Correlates a message that starts an instance (a message start event) and answers the instance
   * it started.
   */
  long startByMessage(String messageName, String correlationKey, Map<String, Object> variables) {
    return correlate(messageName, correlationKey, variables);
  }

  /** Correlates a message; answers the process instance it reached (the call fails if none). */
  long correlate(String messageName, String correlationKey, Map<String, Object> variables) {
    return client
        .newCorrelateMessageCommand()
        .messageName(messageName)
        .correlationKey(correlationKey)
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  /**
   * Publishes a message the way the platform's senders do: with a message id and a time to live.
   */
  void publish(
      String messageName,
      String correlationKey,
      String messageId,
      Duration timeToLive,
      Map<String, Object> variables) {
    client
        .newPublishMessageCommand()
        .messageName(messageName)
        .correlationKey(correlationKey)
        .messageId(messageId)
        .timeToLive(timeToLive)
        .variables(variables)
        .send()
        .join();
  }

  /** Activates the one open job of a type, waiting for it to be created. */
  ActivatedJob job(String type) {
    return jobs(type, 1).get(0);
  }

  /** Activates exactly {@code count} jobs of a type, waiting for them to be created. */
  List<ActivatedJob> jobs(String type, int count) {
    List<ActivatedJob> jobs = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (jobs.size() < count && System.nanoTime() < deadline) {
      jobs.addAll(
          client
              .newActivateJobsCommand()
              .jobType(type)
              .maxJobsToActivate(count - jobs.size())
              .timeout(Duration.ofHours(1))
              .requestTimeout(Duration.ofSeconds(2))
              .send()
              .join()
              .getJobs());
    }
    assertThat(jobs).as("open jobs of type %s", type).hasSize(count);
    return jobs;
  }

  /** Completes the one open job of a type as its worker would, returning what the job saw. */
  ActivatedJob completeJob(String type, Map<String, Object> variables) {
    ActivatedJob job = job(type);
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
    return job;
  }

  ActivatedJob completeJob(String type) {
    return completeJob(type, Map.of());
  }

  /**
   * Fails the one open job of a type with a BPMN error, as a worker does for a business failure.
   */
  ActivatedJob throwError(String type, String errorCode) {
    ActivatedJob job = job(type);
    client
        .newThrowErrorCommand(job.getKey())
        .errorCode(errorCode)
        .errorMessage("thrown by the process test")
        .send()
        .join();
    return job;
  }

  /** Asserts that no job of a type is open (for example a worker step that a path must skip). */
  void assertNoJob(String type) {
    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(type)
            .maxJobsToActivate(10)
            .timeout(Duration.ofSeconds(1))
            .requestTimeout(Duration.ofMillis(300))
            .send()
            .join()
            .getJobs();
    assertThat(jobs).as("open jobs of type %s", type).isEmpty();
  }

  /** The one open user task of an element, waiting for it to be created. */
  UserTask userTask(String elementId) {
    return userTasks(elementId, 1).get(0);
  }

  /** Exactly {@code count} open user tasks of an element, waiting for them to be created. */
  List<UserTask> userTasks(String elementId, int count) {
    return await("%d open user tasks %s".formatted(count, elementId))
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(25))
        .until(() -> openTasks(elementId), tasks -> tasks.size() == count);
  }

  List<UserTask> openTasks(String elementId) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.elementId(elementId).state(UserTaskState.CREATED))
        .send()
        .join()
        .items();
  }

  /** Completes the one open user task of an element with the form's variables. */
  UserTask completeUserTask(String elementId, Map<String, Object> variables) {
    UserTask task = userTask(elementId);
    completeUserTask(task, variables);
    return task;
  }

  void completeUserTask(UserTask task, Map<String, Object> variables) {
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
  }

  /** The id of the form a user task shows. */
  String formId(UserTask task) {
    return client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join().getFormId();
  }

  ProcessInstanceState state(long processInstanceKey) {
    return client.newProcessInstanceGetRequest(processInstanceKey).send().join().getState();
  }

  void awaitState(long processInstanceKey, ProcessInstanceState expected) {
    await("process instance %d %s".formatted(processInstanceKey, expected))
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(25))
        .until(() -> state(processInstanceKey) == expected);
  }

  void awaitCompleted(long processInstanceKey) {
    awaitState(processInstanceKey, ProcessInstanceState.COMPLETED);
  }

  /** The variables of the instance's own scope, as values the JSON carries. */
  Map<String, Object> variables(long processInstanceKey) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (Variable variable :
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(processInstanceKey).scopeKey(processInstanceKey))
            .page(p -> p.limit(1000))
            .send()
            .join()
            .items()) {
      variables.put(
          variable.getName(),
          client.getConfiguration().getJsonMapper().fromJson(variable.getValue(), Object.class));
    }
    return variables;
  }

  /** The keys of the running instances of a process, oldest first. */
  List<Long> activeInstancesOf(String processId) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(processId).state(ProcessInstanceState.ACTIVE))
        .sort(s -> s.processInstanceKey().asc())
        .send()
        .join()
        .items()
        .stream()
        .map(ProcessInstance::getProcessInstanceKey)
        .toList();
  }

  /** The instances of {@code processId} that a call activity of {@code parentKey} started. */
  List<ProcessInstance> calledInstances(long parentKey, String processId) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(processId))
        .page(p -> p.limit(1000))
        .send()
        .join()
        .items()
        .stream()
        .filter(instance -> Long.valueOf(parentKey).equals(instance.getParentProcessInstanceKey()))
        .toList();
  }

  /** The ids of the sequence flows an instance has taken. */
  List<String> takenFlows(long processInstanceKey) {
    return client.newProcessInstanceSequenceFlowsRequest(processInstanceKey).send().join().stream()
        .map(flow -> flow.getSequenceFlowId())
        .toList();
  }

  List<Incident> openIncidents() {
    return client
        .newIncidentSearchRequest()
        .filter(f -> f.state(IncidentState.ACTIVE))
        .send()
        .join()
        .items();
  }

  /**
   * Cancels every instance a test left running (its called instances go with it), so that its
   * timers and jobs cannot reach the next test.
   */
  void cancelRunningInstances() {
    List<ProcessInstance> active =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.state(ProcessInstanceState.ACTIVE))
            .page(p -> p.limit(1000))
            .send()
            .join()
            .items();
    for (ProcessInstance instance : active) {
      if (instance.getParentProcessInstanceKey() == null) {
        client.newCancelInstanceCommand(instance.getProcessInstanceKey()).send().join();
      }
    }
  }

  @Override
  public void close() {
    client.close();
    engine.close();
  }

  private static List<Path> files(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String name(Path file) {
    return file.getFileName().toString();
  }
}
