package io.cityflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.DecisionDefinition;
import io.camunda.client.api.search.response.ProcessInstanceSequenceFlow;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Part 2, second set: how scopes end and hand on (terminate and error events inside subprocesses
 * and called processes), signal and timer boundary events, inclusive joins, multi-instance
 * subprocesses and call activities, the decision-definition search and the sequence flows an
 * instance took.
 */
public abstract class ScopeScenarios extends ScenarioSupport {

  @Test
  // docs/components/modeler/bpmn/terminate-events/terminate-events/ (inside a subprocess)
  void aTerminateEndEventInASubprocessEndsOnlyTheSubprocess() {
    String id = uniqueId("terminate-sub");
    deployPart2(
        "terminate end event in embedded subprocess",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .subProcess(
                "SubProcess_Race",
                s ->
                    s.embeddedSubProcess()
                        .startEvent()
                        .parallelGateway("Gateway_Fork")
                        .serviceTask("Task_Slow", t -> t.zeebeJobType(id + ".slow"))
                        .endEvent()
                        .moveToNode("Gateway_Fork")
                        .endEvent("Event_Terminate", e -> e.terminate()))
            .serviceTask("Task_After", t -> t.zeebeJobType(id + ".after"))
            .endEvent()
            .done());

    long key = startInstance(id);

    assertThat(activateOne(id + ".after").getProcessInstanceKey()).isEqualTo(key);
    assertNoJob(id + ".slow");
    assertStaysActive(key);
  }

  @Test
  // docs/components/modeler/bpmn/error-events/error-events/ (catch-all error boundary event)
  void anErrorBoundaryEventWithoutACodeCatchesAnyError() {
    String id = uniqueId("error-catch-all");
    deployPart2(
        "catch-all error boundary event",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("Task_Check", t -> t.zeebeJobType(id + ".check"))
            .endEvent()
            .moveToActivity("Task_Check")
            .boundaryEvent("Event_AnyError", b -> b.error())
            .serviceTask("Task_Recover", t -> t.zeebeJobType(id + ".recover"))
            .endEvent()
            .done());
    long key = startInstance(id);

    client().newThrowErrorCommand(activateOne(id + ".check")).errorCode("ANY_CODE").send().join();

    assertThat(activateOne(id + ".recover").getProcessInstanceKey()).isEqualTo(key);
  }

  @Test
  // docs/components/modeler/bpmn/call-activities/call-activities/ (boundary events; error events)
  void anErrorThrownInTheChildIsCaughtOnTheCallActivity() {
    String child = uniqueId("child-error");
    String parent = uniqueId("parent-error");
    deployInspectionChild(child);
    deployPart2(
        "call activity with error boundary event",
        Bpmn.createExecutableProcess(parent)
            .startEvent()
            .callActivity("Activity_Inspect", c -> c.zeebeProcessId(child))
            .endEvent()
            .moveToActivity("Activity_Inspect")
            .boundaryEvent("Event_Unsafe", b -> b.error("UNSAFE"))
            .serviceTask("Task_Close", t -> t.zeebeJobType(parent + ".close"))
            .endEvent()
            .done());
    long key = startInstance(parent);
    ActivatedJob inspect = activateOne(child);

    client().newThrowErrorCommand(inspect).errorCode("UNSAFE").send().join();

    assertThat(activateOne(parent + ".close").getProcessInstanceKey()).isEqualTo(key);
    awaitInstanceState(inspect.getProcessInstanceKey(), ProcessInstanceState.TERMINATED);
  }

  @Test
  // docs/components/modeler/bpmn/call-activities/call-activities/ (variable mappings)
  void withoutPropagationOnlyTheMappedVariablesCrossTheCallActivity() {
    String child = uniqueId("child-mapped");
    String parent = uniqueId("parent-mapped");
    deployInspectionChild(child);
    deployPart2(
        "call activity with mappings",
        Bpmn.createExecutableProcess(parent)
            .startEvent()
            .callActivity(
                "Activity_Inspect",
                c ->
                    c.zeebeProcessId(child)
                        .zeebePropagateAllParentVariables(false)
                        .zeebePropagateAllChildVariables(false)
                        .zeebeInputExpression("site", "location")
                        .zeebeOutputExpression("findings", "inspectionFindings"))
            .endEvent()
            .done());
    long key = startInstance(parent, Map.of("site", "depot", "secret", "s3"));

    ActivatedJob job = activateOne(child);
    assertThat(job.getVariablesAsMap())
        .containsEntry("location", "depot")
        .doesNotContainKeys("site", "secret");
    client()
        .newCompleteCommand(job)
        .variables(Map.of("findings", "clear", "scratch", 1))
        .send()
        .join();

    awaitCompleted(key);
    awaitRootVariables(
        key,
        vars ->
            assertThat(vars)
                .containsEntry("inspectionFindings", "clear")
                .doesNotContainKeys("findings", "scratch"));
  }

  @Test
  // docs/components/modeler/bpmn/call-activities/call-activities/ (termination of the child)
  void cancellingTheParentCancelsTheChildInstance() {
    String child = uniqueId("child-cancel");
    String parent = uniqueId("parent-cancel");
    deployPart2("call activity", serviceTaskProcess(child, child));
    deployPart2(
        "call activity",
        Bpmn.createExecutableProcess(parent)
            .startEvent()
            .callActivity("Activity_Call", c -> c.zeebeProcessId(child))
            .endEvent()
            .done());
    long key = startInstance(parent);
    long childKey = activateOne(child).getProcessInstanceKey();

    client().newCancelInstanceCommand(key).send().join();

    awaitInstanceState(childKey, ProcessInstanceState.TERMINATED);
    awaitInstanceState(key, ProcessInstanceState.TERMINATED);
  }

  @Test
  // docs/components/modeler/bpmn/signal-events/signal-events/ (signal boundary events)
  void aSignalBoundaryEventInterruptsTheTask() {
    String id = uniqueId("signal-boundary");
    deployPart2(
        "signal boundary event",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("Task_Work", t -> t.zeebeJobType(id + ".work"))
            .endEvent()
            .moveToActivity("Task_Work")
            .boundaryEvent("Event_Evacuate", b -> b.cancelActivity(true).signal(id))
            .serviceTask("Task_Evacuate", t -> t.zeebeJobType(id + ".evacuate"))
            .endEvent()
            .done());
    long key = startInstance(id);
    activateOne(id + ".work");

    client().newBroadcastSignalCommand().signalName(id).send().join();

    assertThat(activateOne(id + ".evacuate").getProcessInstanceKey()).isEqualTo(key);
    assertNoJob(id + ".work");
  }

  @Test
  // docs/components/modeler/bpmn/timer-events/timer-events/ (time date on a boundary event)
  void aTimerBoundaryEventWithADateFiresAtThatDate() {
    String id = uniqueId("boundary-date");
    deployPart2(
        "timer boundary event with date",
        reviewWithTimerBoundary(
            id,
            "Event_Deadline",
            b -> b.cancelActivity(true).timerWithDate("2033-06-01T12:00:00Z"),
            "Task_Escalate"));
    pinClock(Instant.parse("2033-06-01T11:00:00Z"));
    long key = startInstance(id);
    awaitUserTask(key);

    assertJobOnlyAfter(id, key, Duration.ofMinutes(59), Duration.ofMinutes(2));
  }

  @Test
  // docs/components/modeler/bpmn/inclusive-gateways/inclusive-gateways/ (joining)
  void anInclusiveJoinWaitsForEveryActivatedBranch() {
    String id = uniqueId("inclusive-join");
    deployPart2(
        "inclusive gateway",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .inclusiveGateway("Gateway_Fork")
            .conditionExpression("= a")
            .serviceTask("Task_A", t -> t.zeebeJobType(id + ".a"))
            .inclusiveGateway("Gateway_Join")
            .serviceTask("Task_After", t -> t.zeebeJobType(id + ".after"))
            .endEvent()
            .moveToNode("Gateway_Fork")
            .conditionExpression("= b")
            .serviceTask("Task_B", t -> t.zeebeJobType(id + ".b"))
            .connectTo("Gateway_Join")
            .moveToNode("Gateway_Fork")
            .conditionExpression("= c")
            .serviceTask("Task_C", t -> t.zeebeJobType(id + ".c"))
            .connectTo("Gateway_Join")
            .done());
    long key = startInstance(id, Map.of("a", true, "b", true, "c", false));
    ActivatedJob a = activateOne(id + ".a");
    ActivatedJob b = activateOne(id + ".b");

    client().newCompleteCommand(a).send().join();
    assertNoJob(id + ".after");
    client().newCompleteCommand(b).send().join();

    assertThat(activateOne(id + ".after").getProcessInstanceKey()).isEqualTo(key);
  }

  @Test
  // docs/components/modeler/bpmn/multi-instance/multi-instance/ (multi-instance subprocess)
  void aSequentialMultiInstanceSubprocessRunsItsBodyPerItem() {
    String id = uniqueId("mi-subprocess");
    deployPart2(
        "sequential multi-instance subprocess",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .subProcess(
                "SubProcess_PerStop",
                s ->
                    s.multiInstance(
                            m ->
                                m.sequential()
                                    .zeebeInputCollectionExpression("stops")
                                    .zeebeInputElement("stop")
                                    .zeebeOutputCollection("visited")
                                    .zeebeOutputElementExpression("stop + \" ok\""))
                        .embeddedSubProcess()
                        .startEvent()
                        .serviceTask("Task_Visit", t -> t.zeebeJobType(id))
                        .endEvent())
            .endEvent()
            .done());
    long key = startInstance(id, Map.of("stops", List.of("depot", "park")));

    ActivatedJob first = activateOne(id);
    assertNoJob(id);
    client().newCompleteCommand(first).send().join();
    client().newCompleteCommand(activateOne(id)).send().join();

    assertThat(first.getVariablesAsMap()).containsEntry("stop", "depot");
    awaitCompleted(key);
    awaitRootVariables(
        key, vars -> assertThat(vars).containsEntry("visited", List.of("depot ok", "park ok")));
  }

  @Test
  // docs/components/modeler/bpmn/multi-instance/multi-instance/ (call activity as multi-instance)
  void aParallelMultiInstanceCallActivityStartsOneChildPerItem() {
    String child = uniqueId("mi-child");
    String parent = uniqueId("mi-parent");
    deployPart2("call activity", serviceTaskProcess(child, child));
    deployPart2(
        "parallel multi-instance call activity",
        Bpmn.createExecutableProcess(parent)
            .startEvent()
            .callActivity(
                "Activity_Notify",
                c ->
                    c.zeebeProcessId(child)
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("residents")
                                    .zeebeInputElement("resident")))
            .endEvent()
            .done());
    long key = startInstance(parent, Map.of("residents", List.of("ann", "bob")));

    List<ActivatedJob> jobs = new ArrayList<>();
    while (jobs.size() < 2) {
      jobs.addAll(activate(child, 2, JOB_POLL));
    }
    assertThat(jobs)
        .extracting(j -> j.getVariablesAsMap().get("resident"))
        .containsExactlyInAnyOrder("ann", "bob");
    assertThat(jobs).extracting(ActivatedJob::getProcessInstanceKey).doesNotHaveDuplicates();
    jobs.forEach(j -> client().newCompleteCommand(j).send().join());

    awaitCompleted(key);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/search-decision-definitions/
  void decisionDefinitionsCanBeFoundById() {
    String decisionId = uniqueId("route-ticket");
    deployPart2Resources(
        "DMN decision",
        Map.of(decisionId + ".dmn", StructureScenarios.routingDecision(decisionId)));

    List<DecisionDefinition> found =
        callPart2Endpoint(
            "POST /v2/decision-definitions/search",
            () ->
                await()
                    .atMost(EVENTUALLY)
                    .until(
                        () ->
                            client()
                                .newDecisionDefinitionSearchRequest()
                                .filter(f -> f.decisionDefinitionId(decisionId))
                                .send()
                                .join()
                                .items(),
                        items -> !items.isEmpty()));

    assertThat(found)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getDmnDecisionName()).isEqualTo("Route ticket");
              assertThat(d.getVersion()).isEqualTo(1);
            });
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/get-process-instance-sequence-flows/
  void theSequenceFlowsOfAnInstanceListEachFlowItTook() {
    String id = uniqueId("sequence-flows");
    BpmnModelInstance model =
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .sequenceFlowId("Flow_ToGateway")
            .exclusiveGateway("Gateway_Route")
            .conditionExpression("= urgent")
            .sequenceFlowId("Flow_Urgent")
            .endEvent("Event_Urgent")
            .moveToLastGateway()
            .conditionExpression("= not(urgent)")
            .sequenceFlowId("Flow_Normal")
            .endEvent("Event_Normal")
            .done();
    deploy(model);

    long key = startInstance(id, Map.of("urgent", true));
    awaitCompleted(key);

    List<ProcessInstanceSequenceFlow> flows =
        callPart2Endpoint(
            "GET /v2/process-instances/{key}/sequence-flows",
            () ->
                await()
                    .atMost(EVENTUALLY)
                    .until(
                        () -> client().newProcessInstanceSequenceFlowsRequest(key).send().join(),
                        items -> items.size() >= 2));
    assertThat(flows)
        .extracting(ProcessInstanceSequenceFlow::getSequenceFlowId)
        .containsExactlyInAnyOrder("Flow_ToGateway", "Flow_Urgent");
  }
}
