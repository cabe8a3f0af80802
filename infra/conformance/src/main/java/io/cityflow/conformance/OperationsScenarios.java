package io.cityflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operating running instances: process-instance migration and the element-instance search. */
public abstract class OperationsScenarios extends ScenarioSupport {

  /** Version 2 of {@link #serviceTaskProcess}: the same job type on a renamed task. */
  private static BpmnModelInstance renamedTaskProcess(String processId, String jobType) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent("Event_Start")
        .serviceTask("Task_DoWork", t -> t.zeebeJobType(jobType))
        .userTask("Task_Check", u -> u.zeebeUserTask())
        .endEvent("Event_End")
        .done();
  }

  /** Migrates an instance to a target definition, mapping one source element to one target. */
  private void migrate(long instance, long target, String sourceElement, String targetElement) {
    client()
        .newMigrateProcessInstanceCommand(instance)
        .migrationPlan(target)
        .addMappingInstruction(sourceElement, targetElement)
        .send()
        .join();
  }

  @Test
  // docs/components/concepts/process-instance-migration/
  void migrationMovesAnInstanceAndItsJobToTheMappedElement() {
    String id = uniqueId("migrate");
    deployProcess(serviceTaskProcess(id, id));
    long instance = startInstance(id);
    long version2 = deployProcess(renamedTaskProcess(id, id));

    migrate(instance, version2, "Task_Work", "Task_DoWork");

    ActivatedJob job = activateOne(id);
    assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(job.getElementId()).isEqualTo("Task_DoWork");
    assertThat(job.getProcessDefinitionKey()).isEqualTo(version2);
    client().newCompleteCommand(job).send().join();
    assertThat(awaitUserTask(instance).getElementId()).isEqualTo("Task_Check");
  }

  @Test
  // docs/components/concepts/process-instance-migration/ (limitations: same element type)
  void migrationRejectsAMappingBetweenDifferentElementTypes() {
    String id = uniqueId("migrate-type");
    deployProcess(serviceTaskProcess(id, id));
    long instance = startInstance(id);
    long version2 = deployProcess(renamedTaskProcess(id, id));

    ProblemException problem =
        problemOf(() -> migrate(instance, version2, "Task_Work", "Task_Check"));

    assertThat(problem.details().getStatus()).isEqualTo(400);
    assertThat(problem.details().getDetail()).contains("Task_Work").contains("Task_Check");
    assertThat(activateOne(id).getElementId()).isEqualTo("Task_Work");
  }

  /** A review with an interrupting SLA timer boundary event leading to an escalation task. */
  private static BpmnModelInstance slaReview(
      String processId, String timerId, String duration, String escalationTask) {
    return reviewWithTimerBoundary(
        processId,
        timerId,
        b -> b.cancelActivity(true).timerWithDuration(duration),
        escalationTask);
  }

  /** Starts a review at a pinned time and migrates it 50 minutes later to a version with PT4H. */
  private long[] slaReviewMigratedAfter50Minutes(String id, boolean mapTimer) {
    pinClock();
    deployProcess(slaReview(id, "Timer_Sla", "PT1H", "Task_Escalate"));
    long instance = startInstance(id);
    awaitUserTask(instance);
    long version2 = deployProcess(slaReview(id, "Timer_Sla2", "PT4H", "Task_Escalate2"));
    advanceClock(Duration.ofMinutes(50));
    var plan =
        client()
            .newMigrateProcessInstanceCommand(instance)
            .migrationPlan(version2)
            .addMappingInstruction("Task_Review", "Task_Review");
    if (mapTimer) {
      plan = plan.addMappingInstruction("Timer_Sla", "Timer_Sla2");
    }
    plan.send().join();
    return new long[] {instance, version2};
  }

  @Test
  // docs/components/concepts/process-instance-migration/ (dealing with catch events: mapped)
  void migrationKeepsTheDueDateOfAMappedBoundaryTimer() {
    String id = uniqueId("migrate-sla-kept");
    long[] migrated = slaReviewMigratedAfter50Minutes(id, true);

    advanceClock(Duration.ofMinutes(11));

    ActivatedJob escalation = activateOne(id);
    assertThat(escalation.getProcessInstanceKey()).isEqualTo(migrated[0]);
    assertThat(escalation.getElementId()).isEqualTo("Task_Escalate2");
    assertThat(escalation.getProcessDefinitionKey()).isEqualTo(migrated[1]);
  }

  @Test
  // docs/components/concepts/process-instance-migration/ (dealing with catch events: not mapped)
  void migrationReplacesAnUnmappedBoundaryTimerWithTheTargetsTimer() {
    String id = uniqueId("migrate-sla-new");
    long[] migrated = slaReviewMigratedAfter50Minutes(id, false);

    assertJobOnlyAfter(id, migrated[0], Duration.ofMinutes(190), Duration.ofMinutes(51));
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/search-element-instances/
  void elementInstanceSearchListsEndedAndActiveElements() {
    String id = uniqueId("elements");
    deployProcess(serviceTaskProcess(id, id));
    long instance = startInstance(id);

    List<ElementInstance> elements =
        await()
            .atMost(EVENTUALLY)
            .until(
                () ->
                    client()
                        .newElementInstanceSearchRequest()
                        .filter(f -> f.processInstanceKey(instance))
                        .send()
                        .join()
                        .items(),
                items -> items.size() >= 3);

    assertThat(elements)
        .filteredOn(e -> e.getElementId().equals("Event_Start"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo(ElementInstanceType.START_EVENT);
              assertThat(e.getState()).isEqualTo(ElementInstanceState.COMPLETED);
            });
    assertThat(elements)
        .filteredOn(e -> e.getElementId().equals("Task_Work"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo(ElementInstanceType.SERVICE_TASK);
              assertThat(e.getState()).isEqualTo(ElementInstanceState.ACTIVE);
            });
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/search-element-instances/
  void elementInstanceSearchFiltersByElementAndState() {
    String id = uniqueId("elements-active");
    long definition = deployProcess(serviceTaskProcess(id, id));
    startInstance(id);
    startInstance(id);

    await()
        .atMost(EVENTUALLY)
        .until(
            () ->
                client()
                    .newElementInstanceSearchRequest()
                    .filter(
                        f ->
                            f.processDefinitionKey(definition)
                                .elementId("Task_Work")
                                .state(ElementInstanceState.ACTIVE))
                    .send()
                    .join()
                    .page()
                    .totalItems(),
            total -> total == 2);
  }
}
