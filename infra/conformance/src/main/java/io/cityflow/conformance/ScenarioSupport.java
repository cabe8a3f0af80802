package io.cityflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.BoundaryEventBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;

/**
 * What every scenario group shares: the client of the target cluster, unique ids, deployment (with
 * the "target does not support this element yet" assumption for part-2 scenarios), jobs, awaiting
 * eventual outcomes, and the pinned engine clock.
 *
 * <p>Searches may lag behind commands on a real cluster (secondary storage), so every outcome read
 * through a search or get is awaited.
 */
public abstract class ScenarioSupport {

  /** How long an eventual outcome may take; generous for real clusters with exporters. */
  protected static final Duration EVENTUALLY = Duration.ofSeconds(30);

  /** The long-poll window for a job activation that expects a job. */
  protected static final Duration JOB_POLL = Duration.ofSeconds(5);

  /** How long an activated job stays locked to the scenario unless a scenario says otherwise. */
  private static final Duration JOB_LOCK = Duration.ofMinutes(5);

  private Instant pinnedAt;

  /** The client of the cluster under test. */
  protected abstract CamundaClient client();

  @AfterEach
  void resetClockIfPinned() {
    if (pinnedAt != null) {
      pinnedAt = null;
      client().newResetClockCommand().send().join();
    }
  }

  /** A process, job type, message or form id no other scenario or run uses on a shared cluster. */
  protected static String uniqueId(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  // ---- deployment ----

  protected DeploymentEvent deploy(BpmnModelInstance model) {
    String id = processIdOf(model);
    return client().newDeployResourceCommand().addProcessModel(model, id + ".bpmn").send().join();
  }

  /** Deploys and returns the process definition key. */
  protected long deployProcess(BpmnModelInstance model) {
    return deploy(model).getProcesses().get(0).getProcessDefinitionKey();
  }

  /**
   * Deploys a model that uses a part-2 element. When the target refuses it because it does not
   * support that element, the scenario is aborted (shown as skipped), never failed or passed.
   */
  protected long deployPart2(String element, BpmnModelInstance model) {
    try {
      return deployProcess(model);
    } catch (ClientException e) {
      throw abortIfUnsupported(element, e);
    }
  }

  /**
   * Deploys the child process the call-activity scenarios call: one service task {@code
   * Task_Inspect} whose job type is the process id.
   */
  protected long deployInspectionChild(String child) {
    return deployPart2(
        "call activity",
        Bpmn.createExecutableProcess(child)
            .startEvent()
            .serviceTask("Task_Inspect", t -> t.zeebeJobType(child))
            .endEvent()
            .done());
  }

  /** Deploys resources (BPMN, DMN, forms) for a part-2 scenario; see {@link #deployPart2}. */
  protected DeploymentEvent deployPart2Resources(String element, Map<String, String> resources) {
    try {
      var command = client().newDeployResourceCommand();
      var iterator = resources.entrySet().iterator();
      var first = iterator.next();
      var step = command.addResourceStringUtf8(first.getValue(), first.getKey());
      while (iterator.hasNext()) {
        var next = iterator.next();
        step = step.addResourceStringUtf8(next.getValue(), next.getKey());
      }
      return step.send().join();
    } catch (ClientException e) {
      throw abortIfUnsupported(element, e);
    }
  }

  /**
   * Runs a call to a part-2 endpoint; a target that does not serve the endpoint at all (a 404 whose
   * detail says there is no such endpoint) aborts the scenario.
   */
  protected <T> T callPart2Endpoint(String endpoint, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (ClientException e) {
      ProblemException problem = problemIn(e);
      if (problem != null
          && problem.code() == 404
          && String.valueOf(problem.details().getDetail()).startsWith("No endpoint")) {
        throw new TestAbortedException("target does not serve " + endpoint + " yet");
      }
      throw e;
    }
  }

  private static RuntimeException abortIfUnsupported(String element, ClientException e) {
    ProblemException problem = problemIn(e);
    if (problem != null && problem.code() == 400) {
      String detail = String.valueOf(problem.details().getDetail()).toLowerCase(Locale.ROOT);
      if (detail.contains("not supported") || detail.contains("unsupported")) {
        Assumptions.abort(
            "target does not support " + element + " yet: " + problem.details().getDetail());
      }
    }
    return e;
  }

  private static ProblemException problemIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProblemException p) {
        return p;
      }
    }
    return null;
  }

  private static String processIdOf(BpmnModelInstance model) {
    return model
        .getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class)
        .iterator()
        .next()
        .getId();
  }

  /** A single service task of the given job type between a none start and a none end event. */
  protected static BpmnModelInstance serviceTaskProcess(String processId, String jobType) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent("Event_Start")
        .serviceTask("Task_Work", t -> t.zeebeJobType(jobType))
        .endEvent("Event_End")
        .done();
  }

  /**
   * A Camunda user task {@code Task_Review} with a timer boundary event on it, whose path runs a
   * service task with the process id as its job type.
   */
  protected static BpmnModelInstance reviewWithTimerBoundary(
      String processId, String eventId, Consumer<BoundaryEventBuilder> timer, String taskId) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent()
        .userTask("Task_Review", u -> u.zeebeUserTask())
        .endEvent()
        .moveToActivity("Task_Review")
        .boundaryEvent(eventId, timer)
        .serviceTask(taskId, t -> t.zeebeJobType(processId))
        .endEvent()
        .done();
  }

  /** A single Camunda user task between a none start and a none end event. */
  protected static BpmnModelInstance userTaskProcess(
      String processId, Consumer<io.camunda.zeebe.model.bpmn.builder.UserTaskBuilder> customizer) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent()
        .userTask(
            "Task_Review",
            u -> {
              u.zeebeUserTask();
              customizer.accept(u);
            })
        .endEvent()
        .done();
  }

  // ---- process instances ----

  protected long startInstance(String processId) {
    return startInstance(processId, Map.of());
  }

  protected long startInstance(String processId, Map<String, Object> variables) {
    return client()
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  protected ProcessInstance awaitInstanceState(
      long processInstanceKey, ProcessInstanceState state) {
    return await()
        .atMost(EVENTUALLY)
        .ignoreException(ProblemException.class)
        .until(
            () -> client().newProcessInstanceGetRequest(processInstanceKey).send().join(),
            p -> p.getState() == state);
  }

  protected void awaitCompleted(long processInstanceKey) {
    awaitInstanceState(processInstanceKey, ProcessInstanceState.COMPLETED);
  }

  /** Asserts that the instance stays active for a short while, for "nothing happens" outcomes. */
  protected void assertStaysActive(long processInstanceKey) {
    awaitInstanceState(processInstanceKey, ProcessInstanceState.ACTIVE);
    await()
        .during(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(3))
        .until(
            () -> client().newProcessInstanceGetRequest(processInstanceKey).send().join(),
            p -> p.getState() == ProcessInstanceState.ACTIVE);
  }

  protected List<ProcessInstance> instancesOf(String processId) {
    return client()
        .newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(processId))
        .send()
        .join()
        .items();
  }

  // ---- variables ----

  /** The root-scope variables of an instance, decoded from their JSON values. */
  protected Map<String, Object> rootVariables(long processInstanceKey) {
    return variablesInScope(processInstanceKey, processInstanceKey);
  }

  protected Map<String, Object> variablesInScope(long processInstanceKey, long scopeKey) {
    Map<String, Object> result = new HashMap<>();
    for (Variable v : variableRows(processInstanceKey)) {
      if (v.getScopeKey() == scopeKey) {
        result.put(v.getName(), decode(v.getValue()));
      }
    }
    return result;
  }

  protected List<Variable> variableRows(long processInstanceKey) {
    return client()
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .page(p -> p.limit(1000))
        .send()
        .join()
        .items();
  }

  /** Awaits until the root-scope variables satisfy the assertions. */
  protected void awaitRootVariables(
      long processInstanceKey, Consumer<Map<String, Object>> assertions) {
    await()
        .atMost(EVENTUALLY)
        .untilAsserted(() -> assertions.accept(rootVariables(processInstanceKey)));
  }

  protected Object decode(String json) {
    return client().getConfiguration().getJsonMapper().fromJson(json, Object.class);
  }

  // ---- jobs ----

  protected List<ActivatedJob> activate(String jobType, int max, Duration requestTimeout) {
    return activate(jobType, max, requestTimeout, JOB_LOCK);
  }

  private List<ActivatedJob> activate(
      String jobType, int max, Duration requestTimeout, Duration lockTimeout) {
    return client()
        .newActivateJobsCommand()
        .jobType(jobType)
        .maxJobsToActivate(max)
        .timeout(lockTimeout)
        .requestTimeout(requestTimeout)
        .send()
        .join()
        .getJobs();
  }

  /** Activates exactly one job of the type, waiting for it to appear. */
  protected ActivatedJob activateOne(String jobType) {
    return activateOne(jobType, JOB_LOCK);
  }

  /** Activates exactly one job of the type, locked to this worker for {@code lockTimeout}. */
  protected ActivatedJob activateOne(String jobType, Duration lockTimeout) {
    List<ActivatedJob> jobs =
        await()
            .atMost(EVENTUALLY)
            .until(() -> activate(jobType, 1, JOB_POLL, lockTimeout), j -> !j.isEmpty());
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  /** Asserts that no job of the type can be activated now. */
  protected void assertNoJob(String jobType) {
    assertThat(activate(jobType, 10, Duration.ofMillis(500))).isEmpty();
  }

  protected void completeJob(String jobType, Map<String, Object> variables) {
    ActivatedJob job = activateOne(jobType);
    client().newCompleteCommand(job).variables(variables).send().join();
  }

  // ---- user tasks and incidents ----

  protected UserTask awaitUserTask(long processInstanceKey) {
    return await()
        .atMost(EVENTUALLY)
        .until(
            () ->
                client()
                    .newUserTaskSearchRequest()
                    .filter(f -> f.processInstanceKey(processInstanceKey))
                    .send()
                    .join()
                    .items(),
            items -> items.stream().anyMatch(t -> t.getState() == UserTaskState.CREATED))
        .stream()
        .filter(t -> t.getState() == UserTaskState.CREATED)
        .findFirst()
        .orElseThrow();
  }

  protected UserTask awaitUserTask(long userTaskKey, java.util.function.Predicate<UserTask> until) {
    return await()
        .atMost(EVENTUALLY)
        .until(() -> client().newUserTaskGetRequest(userTaskKey).send().join(), until);
  }

  protected Incident awaitIncident(long processInstanceKey) {
    return await()
        .atMost(EVENTUALLY)
        .until(
            () ->
                client()
                    .newIncidentSearchRequest()
                    .filter(
                        f -> f.processInstanceKey(processInstanceKey).state(IncidentState.ACTIVE))
                    .send()
                    .join()
                    .items(),
            items -> !items.isEmpty())
        .get(0);
  }

  protected void awaitNoActiveIncident(long processInstanceKey) {
    await()
        .atMost(EVENTUALLY)
        .until(
            () ->
                client()
                    .newIncidentSearchRequest()
                    .filter(
                        f -> f.processInstanceKey(processInstanceKey).state(IncidentState.ACTIVE))
                    .send()
                    .join()
                    .items(),
            List::isEmpty);
  }

  // ---- messages ----

  protected void publish(String name, String correlationKey, Map<String, Object> variables) {
    client()
        .newPublishMessageCommand()
        .messageName(name)
        .correlationKey(correlationKey)
        .timeToLive(Duration.ofMinutes(1))
        .variables(variables)
        .send()
        .join();
  }

  // ---- errors ----

  /** The problem a call is rejected with; fails when the call succeeds. */
  protected static ProblemException problemOf(Runnable call) {
    try {
      call.run();
    } catch (CompletionException | ClientException e) {
      ProblemException problem = problemIn(e);
      if (problem != null) {
        return problem;
      }
      throw e;
    }
    throw new AssertionError("Expected the call to be rejected with a problem, but it succeeded");
  }

  // ---- clock ----

  /**
   * Moves the pinned clock by {@code early}, when no job of the type may be there yet, then by
   * {@code rest}, after which the process instance's job of that type must be activatable.
   */
  protected void assertJobOnlyAfter(
      String jobType, long processInstanceKey, Duration early, Duration rest) {
    advanceClock(early);
    assertNoJob(jobType);
    advanceClock(rest);

    assertThat(activateOne(jobType).getProcessInstanceKey()).isEqualTo(processInstanceKey);
  }

  /** Pins the engine clock to now (whole milliseconds) and returns that instant. */
  protected Instant pinClock() {
    return pinClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  protected Instant pinClock(Instant at) {
    client().newPinClockCommand().time(at).send().join();
    pinnedAt = at;
    return at;
  }

  /** Moves the pinned clock forward. */
  protected Instant advanceClock(Duration by) {
    if (pinnedAt == null) {
      pinClock();
    }
    return pinClock(pinnedAt.plus(by));
  }
}
