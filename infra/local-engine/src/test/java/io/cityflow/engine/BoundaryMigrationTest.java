package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.activate;
import static io.cityflow.engine.EngineTestSupport.deployModels;
import static io.cityflow.engine.EngineTestSupport.start;
import static io.cityflow.engine.EngineTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.cityflow.engine.runtime.ActivatedJob;
import io.cityflow.engine.state.Criterion;
import io.cityflow.engine.state.SearchQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Migrating a user task with boundary events: a mapped boundary event keeps its timer or
 * subscription, an unmapped one is closed, and the target's other boundary events are opened.
 */
class BoundaryMigrationTest extends InMemoryEngineTest {

  private static final Instant T0 = Instant.parse("2032-02-02T09:00:00Z");

  /** A review whose interrupting SLA timer leads to an escalation job of the version's type. */
  static BpmnModelInstance slaVersion(String timerId, String duration, String escalationType) {
    return Bpmn.createExecutableProcess("mig-sla")
        .startEvent()
        .userTask("Task_Review", u -> u.zeebeUserTask())
        .boundaryEvent(timerId, b -> b.cancelActivity(true).timerWithDuration(duration))
        .serviceTask("Task_Escalate", t -> t.zeebeJobType(escalationType))
        .endEvent()
        .moveToActivity("Task_Review")
        .endEvent()
        .done();
  }

  /** A review that a message withdraws; the path after it creates a job of the version's type. */
  private static BpmnModelInstance withdrawVersion(
      String eventId, String messageName, String withdrawnType) {
    return Bpmn.createExecutableProcess("mig-withdraw")
        .startEvent()
        .userTask("Task_Review", u -> u.zeebeUserTask())
        .boundaryEvent(
            eventId,
            b ->
                b.cancelActivity(true)
                    .message(m -> m.name(messageName).zeebeCorrelationKeyExpression("caseId")))
        .serviceTask("Task_Withdrawn", t -> t.zeebeJobType(withdrawnType))
        .endEvent()
        .moveToActivity("Task_Review")
        .endEvent()
        .done();
  }

  private long deploy(BpmnModelInstance model) {
    return deployModels(engine, model).resources().get(0).process().key;
  }

  private void at(Duration sinceStart) {
    engine.pinClock(T0.plus(sinceStart).toEpochMilli());
  }

  @Test
  void aMappedSlaTimerKeepsItsDueDateAndFiresOnTheNewVersion() {
    at(Duration.ZERO);
    deploy(slaVersion("Timer_Sla", "PT1H", "sla.v1"));
    long key = start(engine, "mig-sla", Map.of());
    long version2 = deploy(slaVersion("Timer_Sla2", "PT4H", "sla.v2"));
    at(Duration.ofMinutes(50));

    engine
        .migrateProcessInstance(
            key, version2, Map.of("Task_Review", "Task_Review", "Timer_Sla", "Timer_Sla2"))
        .join();

    at(Duration.ofMinutes(61));
    assertThat(activate(engine, "sla.v1")).isEmpty();
    List<ActivatedJob> escalations = activate(engine, "sla.v2");
    assertThat(escalations)
        .singleElement()
        .satisfies(j -> assertThat(j.job().processDefinitionKey).isEqualTo(version2));
    assertThat(openReviews(key)).isZero();
  }

  @Test
  void anUnmappedSlaTimerIsReplacedByTheTargetsTimer() {
    at(Duration.ZERO);
    deploy(slaVersion("Timer_Sla", "PT1H", "sla.v1"));
    long key = start(engine, "mig-sla", Map.of());
    long version2 = deploy(slaVersion("Timer_Sla2", "PT4H", "sla.v2"));
    at(Duration.ofMinutes(50));

    engine.migrateProcessInstance(key, version2, Map.of("Task_Review", "Task_Review")).join();

    at(Duration.ofHours(3));
    assertThat(activate(engine, "sla.v1")).isEmpty();
    assertThat(activate(engine, "sla.v2")).isEmpty();
    assertThat(openReviews(key)).isEqualTo(1);
    at(Duration.ofMinutes(50 + 240));
    assertThat(activate(engine, "sla.v2")).hasSize(1);
    assertThat(openReviews(key)).isZero();
  }

  @Test
  void anUnmappedMessageBoundaryIsSubscribedAgainUnderTheTargetsName() {
    deploy(withdrawVersion("Event_Withdrawn", "case-withdrawn", "wd.v1"));
    long key = start(engine, "mig-withdraw", Map.of("caseId", "C-9"));
    long version2 = deploy(withdrawVersion("Event_Cancelled", "case-cancelled", "wd.v2"));

    engine.migrateProcessInstance(key, version2, Map.of("Task_Review", "Task_Review")).join();

    engine.publishMessage("case-withdrawn", "C-9", 0, null, Map.of()).join();
    assertThat(openReviews(key)).isEqualTo(1);
    engine.publishMessage("case-cancelled", "C-9", 0, null, Map.of()).join();
    assertThat(activate(engine, "wd.v2")).hasSize(1);
    assertThat(openReviews(key)).isZero();
  }

  @Test
  void aMappedMessageBoundaryKeepsItsSubscription() {
    deploy(withdrawVersion("Event_Withdrawn", "case-withdrawn", "wd.v1"));
    long key = start(engine, "mig-withdraw", Map.of("caseId", "C-10"));
    long version2 = deploy(withdrawVersion("Event_Cancelled", "case-cancelled", "wd.v2"));

    engine
        .migrateProcessInstance(
            key,
            version2,
            Map.of("Task_Review", "Task_Review", "Event_Withdrawn", "Event_Cancelled"))
        .join();

    engine.publishMessage("case-withdrawn", "C-10", 0, null, Map.of()).join();
    assertThat(activate(engine, "wd.v2")).hasSize(1);
    assertThat(state(engine, key)).isEqualTo("ACTIVE");
    assertThat(openReviews(key)).isZero();
  }

  @Test
  void aBoundaryMappedAcrossEventTypesIsRefusedAndNothingChanges() {
    at(Duration.ZERO);
    long version1 = deploy(slaVersion("Timer_Sla", "PT1H", "sla.v1"));
    long key = start(engine, "mig-sla", Map.of());
    long other = deploy(withdrawVersion("Event_Withdrawn", "case-withdrawn", "wd.v1"));

    assertThat(
            engine.migrateProcessInstance(
                key, other, Map.of("Task_Review", "Task_Review", "Timer_Sla", "Event_Withdrawn")))
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableThat()
        .withMessageContaining("boundary event 'Timer_Sla' (timer) cannot be mapped")
        .withMessageContaining("the event types differ");
    assertThat(engine.processInstance(key).orElseThrow().processDefinitionKey).isEqualTo(version1);
    at(Duration.ofMinutes(61));
    assertThat(activate(engine, "sla.v1")).hasSize(1);
  }

  @Test
  void aNewBoundaryWhoseCorrelationKeyFailsRefusesTheMigration() {
    at(Duration.ZERO);
    long version1 = deploy(slaVersion("Timer_Sla", "PT1H", "sla.v1"));
    long key = start(engine, "mig-sla", Map.of());
    long other = deploy(withdrawVersion("Event_Withdrawn", "case-withdrawn", "wd.v1"));

    assertThat(engine.migrateProcessInstance(key, other, Map.of("Task_Review", "Task_Review")))
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableThat()
        .withMessageContaining(
            "boundary event 'Event_Withdrawn' cannot be opened for active element 'Task_Review'");
    assertThat(engine.processInstance(key).orElseThrow().processDefinitionKey).isEqualTo(version1);
    at(Duration.ofMinutes(61));
    assertThat(activate(engine, "sla.v1")).hasSize(1);
  }

  private long openReviews(long processInstanceKey) {
    return engine
        .searchUserTasks(
            new SearchQuery(
                List.of(Criterion.eq("process_instance_key", processInstanceKey)),
                List.of(),
                0,
                10))
        .items()
        .stream()
        .filter(t -> "CREATED".equals(t.state))
        .count();
  }
}
