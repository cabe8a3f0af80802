package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.deploy;
import static io.cityflow.engine.EngineTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cityflow.engine.api.Engine;
import io.cityflow.engine.model.EngineException;
import io.cityflow.engine.runtime.ActivatedJob;
import io.cityflow.engine.runtime.Incident;
import io.cityflow.engine.runtime.UserTask;
import io.cityflow.engine.runtime.Variable;
import io.cityflow.engine.state.Criterion;
import io.cityflow.engine.state.SearchQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each element kind, driven through the in-process {@link Engine}. */
class ElementBehaviorTest {

  private static LocalEngine local;
  private static Engine engine;

  @BeforeAll
  static void start() {
    local = LocalEngine.start(EngineTestSupport.inMemory());
    engine = local.engine();
    deploy(
        engine,
        "bpmn/all-elements.bpmn",
        "forms/review-form.form",
        "bpmn/gateway.bpmn",
        "bpmn/parallel.bpmn",
        "bpmn/feel-error.bpmn",
        "bpmn/message-start.bpmn",
        "bpmn/timer-date.bpmn",
        "bpmn/service-user.bpmn");
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  private static List<ActivatedJob> activate(String type) {
    return engine.activateJobs(type, "test", 60_000, 10, List.of(), 0).join();
  }

  private static Map<String, Object> variables(long processInstanceKey) {
    return EngineTestSupport.rootVariables(engine, processInstanceKey);
  }

  private static List<Incident> incidents(long processInstanceKey) {
    return EngineTestSupport.incidents(engine, processInstanceKey);
  }

  @Test
  void exclusiveGatewayTakesTheFirstFlowWhoseConditionHolds() {
    long key =
        engine.createProcessInstance("gateway", -1, Map.of("amount", 500)).join().instance().key;

    assertThat(state(engine, key)).isEqualTo("COMPLETED");
  }

  @Test
  void exclusiveGatewayWithoutMatchingFlowRaisesAnIncidentThatCanBeResolved() {
    long key =
        engine.createProcessInstance("gateway", -1, Map.of("amount", 50)).join().instance().key;

    assertThat(incidents(key))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.errorType).isEqualTo("CONDITION_ERROR");
              assertThat(i.elementId).isEqualTo("Gateway_Amount");
            });
    assertThat(state(engine, key)).isEqualTo("ACTIVE");

    engine.setVariables(key, Map.of("amount", 5), false).join();
    engine.resolveIncident(incidents(key).get(0).key).join();

    assertThat(state(engine, key)).isEqualTo("COMPLETED");
  }

  @Test
  void parallelGatewayJoinsBothBranchesBeforeContinuing() {
    long key = engine.createProcessInstance("parallel", -1, Map.of()).join().instance().key;
    ActivatedJob a = activate("par.a").get(0);
    ActivatedJob b = activate("par.b").get(0);

    engine.completeJob(a.job().key, Map.of("a", 1)).join();
    assertThat(state(engine, key)).isEqualTo("ACTIVE");
    engine.completeJob(b.job().key, Map.of("b", 2)).join();

    assertThat(state(engine, key)).isEqualTo("COMPLETED");
    assertThat(variables(key)).containsEntry("sum", 3);
  }

  @Test
  void scriptFeelFailureRaisesAnIncident() {
    long key = engine.createProcessInstance("feel-error", -1, Map.of()).join().instance().key;

    assertThat(incidents(key))
        .singleElement()
        .satisfies(i -> assertThat(i.errorMessage).contains("Task_Check"));
  }

  @Test
  void mappingsScriptUserTaskAndServiceTaskFollowCamundaScoping() {
    long key =
        engine
            .createProcessInstance(
                "all-elements", -1, Map.of("amount", 10, "reviewer", "demo", "orderId", "o-1"))
            .join()
            .instance()
            .key;

    Map<String, Object> vars = variables(key);
    assertThat(vars).containsEntry("score", 22).doesNotContainKey("base");
    ActivatedJob job = activate("all.work").get(0);
    assertThat(job.job().customHeaders).containsEntry("channel", "sms");
    assertThat(job.job().retries).isEqualTo(2);
    engine.completeJob(job.job().key, Map.of("result", "ok", "ignored", true)).join();
    assertThat(variables(key)).containsEntry("workResult", "ok").doesNotContainKey("ignored");

    UserTask task =
        engine
            .searchUserTasks(
                new SearchQuery(
                    List.of(Criterion.eq("process_instance_key", key)), List.of(), 0, 10))
            .items()
            .get(0);
    assertThat(task.assignee).isEqualTo("demo");
    assertThat(task.candidateGroups).containsExactly("clerks", "supervisors");
    assertThat(task.candidateUsers).containsExactly("ann");
    assertThat(task.dueDate).isEqualTo("2030-01-02T10:00Z");
    assertThat(task.formKey).isNotNull();
  }

  @Test
  void localVariablesStayInTheirScopeWhilePropagationGoesToTheInstance() {
    long key =
        engine
            .createProcessInstance(
                "all-elements", -1, Map.of("amount", 10, "reviewer", "demo", "orderId", "o-2"))
            .join()
            .instance()
            .key;
    long taskScope =
        engine.activateJobs("all.work", "test", 60_000, 10, List.of(), 0).join().stream()
            .filter(j -> j.job().processInstanceKey == key)
            .findFirst()
            .orElseThrow()
            .job()
            .elementInstanceKey;

    engine.setVariables(taskScope, Map.of("note", "local"), true).join();
    engine.setVariables(taskScope, Map.of("shared", 2), false).join();

    List<Variable> all =
        engine
            .searchVariables(
                new SearchQuery(
                    List.of(Criterion.eq("process_instance_key", key)), List.of(), 0, 100))
            .items();
    assertThat(all)
        .filteredOn(v -> v.name.equals("note"))
        .singleElement()
        .satisfies(v -> assertThat(v.scopeKey).isEqualTo(taskScope));
    assertThat(all)
        .filteredOn(v -> v.name.equals("shared"))
        .singleElement()
        .satisfies(v -> assertThat(v.scopeKey).isEqualTo(key));
    assertThat(variables(key)).doesNotContainKey("note");
  }

  @Test
  void messageStartEventStartsOneInstancePerActiveCorrelationKey() {
    engine.publishMessage("request", "r-1", 60_000, null, Map.of("n", 1)).join();
    engine.publishMessage("request", "r-1", 60_000, null, Map.of("n", 2)).join();

    List<Long> started =
        EngineTestSupport.instancesOf(engine, "message-start").stream()
            .filter(p -> p.state.equals("ACTIVE"))
            .map(p -> p.key)
            .toList();
    assertThat(started).hasSize(1);
    assertThat(variables(started.get(0))).containsEntry("n", 1);

    ActivatedJob job = activate("request.handle").get(0);
    engine.completeJob(job.job().key, Map.of()).join();

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(EngineTestSupport.instancesOf(engine, "message-start"))
                    .hasSize(2)
                    .anySatisfy(p -> assertThat(variables(p.key)).containsEntry("n", 2)));
  }

  @Test
  void timerDateFiresWhenThePinnedClockPassesIt() {
    Instant until = Instant.ofEpochMilli(engine.now()).plus(Duration.ofDays(2));
    long key =
        engine
            .createProcessInstance("timer-date", -1, Map.of("until", until.toString()))
            .join()
            .instance()
            .key;
    assertThat(state(engine, key)).isEqualTo("ACTIVE");

    engine.pinClock(until.plusSeconds(1).toEpochMilli());
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> state(engine, key).equals("COMPLETED"));
    } finally {
      engine.resetClock();
    }
  }

  @Test
  void failingAJobWithoutRetriesRaisesAnIncidentAndRetriesAfterResolution() {
    long key = engine.createProcessInstance("service-user", -1, Map.of()).join().instance().key;
    ActivatedJob job = activate("bench.work").get(0);

    engine.failJob(job.job().key, 0, "boom", 0, Map.of()).join();
    Incident incident = incidents(key).get(0);
    assertThat(incident.errorType).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.errorMessage).isEqualTo("boom");

    engine.updateJob(job.job().key, 1, null).join();
    engine.resolveIncident(incident.key).join();
    ActivatedJob again = activate("bench.work").get(0);

    assertThat(again.job().key).isEqualTo(job.job().key);
    assertThat(again.job().retries).isEqualTo(1);
  }

  @Test
  void completingAnUnknownJobIsRejectedAsNotFound() {
    assertThatThrownBy(() -> engine.completeJob(42L, Map.of()).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            EngineException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(EngineException.Kind.NOT_FOUND);
              assertThat(e.getMessage()).contains("42");
            });
  }
}
