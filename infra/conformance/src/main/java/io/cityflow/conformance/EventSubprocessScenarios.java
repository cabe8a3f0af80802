package io.cityflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.filter.ProcessInstanceFilter;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Part 3: timer start events, event subprocesses (message, timer, signal and error; interrupting
 * and not), the process-instance search filters on element instances and incidents, and the
 * incident types of business rule tasks. Deployed through {@link #deployPart2}, so a target that
 * does not support an element yet reports the scenario as skipped.
 */
public abstract class EventSubprocessScenarios extends ScenarioSupport {

  private static BpmnModelInstance hourlyReport(String id, String cycle, String jobType) {
    return Bpmn.createExecutableProcess(id)
        .startEvent("Event_Hourly")
        .timerWithCycle(cycle)
        .serviceTask("Task_Report", t -> t.zeebeJobType(jobType))
        .endEvent()
        .done();
  }

  private void awaitInstanceCount(String processId, int count) {
    await().atMost(EVENTUALLY).until(() -> instancesOf(processId), list -> list.size() == count);
  }

  @Test
  // docs/components/modeler/bpmn/timer-events/timer-events/ (timer start event, time cycle)
  void aTimerStartEventWithABoundedCycleStartsOneInstancePerRepetition() {
    String id = uniqueId("timer-start");
    pinClock();
    deployPart2("timer start event", hourlyReport(id, "R2/PT1H", id));

    advanceClock(Duration.ofMinutes(61));
    awaitInstanceCount(id, 1);
    advanceClock(Duration.ofMinutes(61));
    awaitInstanceCount(id, 2);
    advanceClock(Duration.ofHours(3));

    assertStaysActive(instancesOf(id).get(0).getProcessInstanceKey());
    assertThat(instancesOf(id)).hasSize(2);
  }

  @Test
  // docs/components/modeler/bpmn/timer-events/timer-events/ (timer start events of a new version)
  void deployingANewVersionReplacesTheTimerOfThePreviousVersion() {
    String id = uniqueId("timer-start-version");
    pinClock();
    deployPart2("timer start event", hourlyReport(id, "R3/PT1H", id + ".v1"));
    deployPart2("timer start event", hourlyReport(id, "R1/PT3H", id + ".v2"));

    advanceClock(Duration.ofMinutes(181));

    ActivatedJob job = activateOne(id + ".v2");
    assertThat(job.getProcessDefinitionVersion()).isEqualTo(2);
    assertNoJob(id + ".v1");
  }

  @Test
  // docs/components/modeler/bpmn/event-subprocesses/event-subprocesses/ (interrupting, message)
  void anInterruptingMessageEventSubprocessEndsTheProcessFlowAndRunsInstead() {
    String id = uniqueId("esp-message");
    deployPart2(
        "message event subprocess",
        Bpmn.createExecutableProcess(id)
            .eventSubProcess(
                "SubProcess_Withdrawn",
                e ->
                    e.startEvent("Event_Withdrawn")
                        .message(
                            m -> m.name(id + "-withdrawn").zeebeCorrelationKeyExpression("ref"))
                        .serviceTask("Task_Archive", t -> t.zeebeJobType(id + ".archive"))
                        .endEvent())
            .startEvent()
            .serviceTask("Task_Review", t -> t.zeebeJobType(id + ".review"))
            .endEvent()
            .done());
    long key = startInstance(id, Map.of("ref", "A-7"));
    activateOne(id + ".review");

    publish(id + "-withdrawn", "A-7", Map.of("reason", "duplicate"));

    ActivatedJob archive = activateOne(id + ".archive");
    assertThat(archive.getProcessInstanceKey()).isEqualTo(key);
    assertThat(archive.getVariablesAsMap()).containsEntry("reason", "duplicate");
    client().newCompleteCommand(archive).send().join();
    awaitCompleted(key);
  }

  @Test
  // docs/components/modeler/bpmn/event-subprocesses/event-subprocesses/ (non-interrupting, timer)
  void aNonInterruptingTimerEventSubprocessRepeatsAndTheProcessWaitsForIt() {
    String id = uniqueId("esp-timer");
    deployPart2(
        "timer event subprocess",
        Bpmn.createExecutableProcess(id)
            .eventSubProcess(
                "SubProcess_Remind",
                e ->
                    e.startEvent("Event_Remind")
                        .interrupting(false)
                        .timerWithCycle("R2/PT1H")
                        .serviceTask("Task_Remind", t -> t.zeebeJobType(id + ".remind"))
                        .endEvent())
            .startEvent()
            .serviceTask("Task_Work", t -> t.zeebeJobType(id + ".work"))
            .endEvent()
            .done());
    pinClock();
    long key = startInstance(id);
    ActivatedJob work = activateOne(id + ".work");

    advanceClock(Duration.ofMinutes(61));
    client().newCompleteCommand(activateOne(id + ".remind")).send().join();
    advanceClock(Duration.ofMinutes(61));
    ActivatedJob second = activateOne(id + ".remind");
    client().newCompleteCommand(work).send().join();

    assertStaysActive(key);
    client().newCompleteCommand(second).send().join();
    awaitCompleted(key);
  }

  @Test
  // docs/components/modeler/bpmn/event-subprocesses/event-subprocesses/ (error, in a subprocess)
  void anErrorEventSubprocessCatchesAnErrorOfItsScopeBeforeABoundaryEventOutside() {
    String id = uniqueId("esp-error");
    deployPart2(
        "error event subprocess",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .subProcess(
                "SubProcess_Payment",
                s -> {
                  s.embeddedSubProcess()
                      .eventSubProcess(
                          "SubProcess_Declined",
                          e ->
                              e.startEvent("Event_Declined")
                                  .error("DECLINED")
                                  .serviceTask("Task_Notify", t -> t.zeebeJobType(id + ".notify"))
                                  .endEvent());
                  s.embeddedSubProcess()
                      .startEvent()
                      .serviceTask("Task_Charge", t -> t.zeebeJobType(id + ".charge"))
                      .endEvent();
                })
            .serviceTask("Task_Ship", t -> t.zeebeJobType(id + ".ship"))
            .endEvent()
            .moveToActivity("SubProcess_Payment")
            .boundaryEvent("Event_PaymentFailed", b -> b.error("DECLINED"))
            .serviceTask("Task_Escalate", t -> t.zeebeJobType(id + ".escalate"))
            .endEvent()
            .done());
    long key = startInstance(id);

    client().newThrowErrorCommand(activateOne(id + ".charge")).errorCode("DECLINED").send().join();

    client().newCompleteCommand(activateOne(id + ".notify")).send().join();
    assertThat(activateOne(id + ".ship").getProcessInstanceKey()).isEqualTo(key);
    assertNoJob(id + ".escalate");
  }

  @Test
  // docs/components/modeler/bpmn/event-subprocesses/event-subprocesses/ (signal; variables)
  void aSignalEventSubprocessInASubprocessSeesTheSubprocessLocals() {
    String id = uniqueId("esp-signal");
    String signal = id + "-storm";
    deployPart2(
        "signal event subprocess",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .subProcess(
                "SubProcess_Inspection",
                s -> {
                  s.zeebeInputExpression("\"north\"", "zone");
                  s.embeddedSubProcess()
                      .eventSubProcess(
                          "SubProcess_Secure",
                          e ->
                              e.startEvent("Event_Storm")
                                  .interrupting(false)
                                  .signal(signal)
                                  .serviceTask("Task_Secure", t -> t.zeebeJobType(id + ".secure"))
                                  .endEvent());
                  s.embeddedSubProcess()
                      .startEvent()
                      .serviceTask("Task_Inspect", t -> t.zeebeJobType(id + ".inspect"))
                      .endEvent();
                })
            .endEvent()
            .done());
    long key = startInstance(id);
    ActivatedJob inspect = activateOne(id + ".inspect");

    client().newBroadcastSignalCommand().signalName(signal).send().join();

    ActivatedJob secure = activateOne(id + ".secure");
    assertThat(secure.getVariablesAsMap()).containsEntry("zone", "north");
    client().newCompleteCommand(inspect).send().join();
    assertStaysActive(key);
    client().newCompleteCommand(secure).send().join();
    awaitCompleted(key);
  }

  // ---- process-instance search filters ----

  private List<Long> searchKeys(String processId, Consumer<ProcessInstanceFilter> filter) {
    return client()
        .newProcessInstanceSearchRequest()
        .filter(
            f -> {
              f.processDefinitionId(processId);
              filter.accept(f);
            })
        .send()
        .join()
        .items()
        .stream()
        .map(ProcessInstance::getProcessInstanceKey)
        .toList();
  }

  @Test
  // REST search-process-instances (elementId, elementInstanceState, errorMessage,
  // hasElementInstanceIncident, processDefinitionName)
  void processInstancesCanBeFoundByTheirElementsIncidentsAndDefinitionName() {
    String id = uniqueId("pi-filters");
    deployProcess(
        Bpmn.createExecutableProcess(id)
            .name("Permit " + id)
            .startEvent()
            .serviceTask("Task_Check", t -> t.zeebeJobType(id))
            .userTask("Task_Approve", u -> u.zeebeUserTask())
            .endEvent()
            .done());
    long failing = startInstance(id);
    long passing = startInstance(id);
    for (int i = 0; i < 2; i++) {
      ActivatedJob job = activateOne(id);
      if (job.getProcessInstanceKey() == failing) {
        client().newFailCommand(job).retries(0).errorMessage("register down").send().join();
      } else {
        client().newCompleteCommand(job).send().join();
      }
    }
    awaitIncident(failing);

    await()
        .atMost(EVENTUALLY)
        .untilAsserted(
            () -> {
              assertThat(searchKeys(id, f -> f.elementId("Task_Approve"))).containsExactly(passing);
              assertThat(
                      searchKeys(
                          id,
                          f ->
                              f.elementId("Task_Check")
                                  .elementInstanceState(ElementInstanceState.ACTIVE)))
                  .containsExactly(failing);
              assertThat(searchKeys(id, f -> f.hasElementInstanceIncident(true)))
                  .containsExactly(failing);
              assertThat(searchKeys(id, f -> f.errorMessage("register down")))
                  .containsExactly(failing);
              assertThat(searchKeys(id, f -> f.processDefinitionName("Permit " + id)))
                  .containsExactlyInAnyOrder(failing, passing);
            });
  }

  // ---- incident types of business rule tasks ----

  private long startBusinessRuleTask(String id, String decisionId, String dmn) {
    Map<String, String> resources = new LinkedHashMap<>();
    resources.put(
        id + ".bpmn",
        Bpmn.convertToString(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .businessRuleTask(
                    "Task_Route",
                    b -> b.zeebeCalledDecisionId(decisionId).zeebeResultVariable("department"))
                .endEvent()
                .done()));
    if (dmn != null) {
      resources.put(decisionId + ".dmn", dmn);
    }
    deployPart2Resources("business rule task with DMN", resources);
    return startInstance(id, Map.of("category", "water"));
  }

  @Test
  // docs/components/concepts/incidents/ and business-rule-tasks (decision not deployed)
  void aMissingDecisionIsACalledDecisionIncident() {
    String id = uniqueId("missing-decision");
    long key = startBusinessRuleTask(id, uniqueId("not-deployed"), null);

    Incident incident = awaitIncident(key);

    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.CALLED_DECISION_ERROR);
    assertThat(incident.getElementId()).isEqualTo("Task_Route");
  }

  @Test
  // docs/components/concepts/incidents/ and decision-table-hit-policy (UNIQUE with two matches)
  void aDecisionThatFailsToEvaluateIsADecisionEvaluationIncident() {
    String id = uniqueId("failing-decision");
    String decisionId = uniqueId("route-ticket");
    String ambiguous =
        StructureScenarios.routingDecision(decisionId)
            .replace("hitPolicy=\"FIRST\"", "hitPolicy=\"UNIQUE\"");
    long key = startBusinessRuleTask(id, decisionId, ambiguous);

    Incident incident = awaitIncident(key);

    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.DECISION_EVALUATION_ERROR);
  }

  // ---- migration inside an embedded subprocess ----

  private static BpmnModelInstance checkInSubprocess(String id, String taskId, String after) {
    var process =
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .subProcess(
                "SubProcess_Check",
                s ->
                    s.embeddedSubProcess()
                        .startEvent()
                        .serviceTask(taskId, t -> t.zeebeJobType(id))
                        .endEvent());
    return after == null
        ? process.endEvent().done()
        : process.serviceTask("Task_Report", t -> t.zeebeJobType(after)).endEvent().done();
  }

  @Test
  // docs/components/concepts/process-instance-migration/ (elements inside a subprocess)
  void anElementInsideAMappedSubprocessMigratesWithItsJob() {
    String id = uniqueId("migration-sub");
    deployProcess(checkInSubprocess(id, "Task_Check", null));
    long key = startInstance(id);
    long target = deployProcess(checkInSubprocess(id, "Task_Inspect", id + ".report"));
    activateOne(id);

    callPart2Endpoint(
        "POST /v2/process-instances/{key}/migration",
        () ->
            client()
                .newMigrateProcessInstanceCommand(key)
                .migrationPlan(target)
                .addMappingInstruction("SubProcess_Check", "SubProcess_Check")
                .addMappingInstruction("Task_Check", "Task_Inspect")
                .send()
                .join());

    await()
        .atMost(EVENTUALLY)
        .until(
            () -> client().newProcessInstanceGetRequest(key).send().join(),
            p -> p.getProcessDefinitionKey() == target);
    advanceClock(Duration.ofMinutes(10));
    ActivatedJob job = activateOne(id);
    assertThat(job.getElementId()).isEqualTo("Task_Inspect");
    client().newCompleteCommand(job).send().join();
    assertThat(activateOne(id + ".report").getProcessInstanceKey()).isEqualTo(key);
  }
}
