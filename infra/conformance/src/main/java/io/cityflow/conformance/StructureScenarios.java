package io.cityflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Part 2: embedded subprocesses, call activities, multi-instance, the inclusive gateway, business
 * rule tasks with DMN, decision evaluation, process instance migration and element instance search.
 */
public abstract class StructureScenarios extends ScenarioSupport {

  @Test
  // docs/components/modeler/bpmn/embedded-subprocesses/embedded-subprocesses/
  void anEmbeddedSubprocessRunsItsFlowAndMergesOnlyItsOutputs() {
    String id = uniqueId("subprocess");
    deployPart2(
        "embedded subprocess",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .subProcess(
                "SubProcess_Assess",
                s ->
                    s.zeebeInputExpression("0", "points")
                        .zeebeOutputExpression("points", "assessment")
                        .embeddedSubProcess()
                        .startEvent()
                        .serviceTask("Task_Score", t -> t.zeebeJobType(id))
                        .endEvent())
            .userTask("Task_Wait", u -> u.zeebeUserTask())
            .endEvent()
            .done());
    long key = startInstance(id);

    completeJob(id, Map.of("points", 8));

    awaitUserTask(key);
    awaitRootVariables(
        key,
        vars -> {
          assertThat(vars).containsEntry("assessment", 8);
          assertThat(vars).doesNotContainKey("points");
        });
  }

  @Test
  // docs/components/modeler/bpmn/call-activities/call-activities/ (variable propagation)
  void aCallActivityRunsTheChildProcessAndCopiesItsVariablesBack() {
    String child = uniqueId("child");
    String parent = uniqueId("parent");
    deployInspectionChild(child);
    deployPart2(
        "call activity",
        Bpmn.createExecutableProcess(parent)
            .startEvent()
            .callActivity("Activity_Inspection", c -> c.zeebeProcessId(child))
            .endEvent()
            .done());
    long key = startInstance(parent, Map.of("site", "north-gate"));

    ActivatedJob job = activateOne(child);
    assertThat(job.getVariablesAsMap()).containsEntry("site", "north-gate");
    assertThat(job.getProcessInstanceKey()).isNotEqualTo(key);
    client().newCompleteCommand(job).variables(Map.of("inspected", true)).send().join();

    awaitCompleted(key);
    awaitRootVariables(key, vars -> assertThat(vars).containsEntry("inspected", true));
  }

  @Test
  // docs/components/modeler/bpmn/multi-instance/multi-instance/ (parallel, output collection)
  void aParallelMultiInstanceTaskRunsOncePerItemAndCollectsTheOutputsInOrder() {
    String id = uniqueId("mi-parallel");
    deployPart2(
        "parallel multi-instance",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "Task_NotifyResident",
                t ->
                    t.zeebeJobType(id)
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("residents")
                                    .zeebeInputElement("resident")
                                    .zeebeOutputCollection("receipts")
                                    .zeebeOutputElementExpression("receipt")))
            .endEvent()
            .done());
    long key = startInstance(id, Map.of("residents", List.of("ann", "bob", "cy")));

    List<ActivatedJob> jobs = new ArrayList<>();
    while (jobs.size() < 3) {
      jobs.addAll(activate(id, 3, JOB_POLL));
    }
    for (ActivatedJob job : jobs) {
      String resident = (String) job.getVariablesAsMap().get("resident");
      client()
          .newCompleteCommand(job)
          .variables(Map.of("receipt", "sent-" + resident))
          .send()
          .join();
    }

    awaitCompleted(key);
    awaitRootVariables(
        key,
        vars ->
            assertThat(vars).containsEntry("receipts", List.of("sent-ann", "sent-bob", "sent-cy")));
  }

  @Test
  // docs/components/modeler/bpmn/multi-instance/multi-instance/ (sequential, loopCounter)
  void aSequentialMultiInstanceTaskRunsOneItemAtATimeWithALoopCounter() {
    String id = uniqueId("mi-sequential");
    deployPart2(
        "sequential multi-instance",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "Task_Visit",
                t ->
                    t.zeebeJobType(id)
                        .multiInstance(
                            m ->
                                m.sequential()
                                    .zeebeInputCollectionExpression("stops")
                                    .zeebeInputElement("stop")))
            .endEvent()
            .done());
    long key = startInstance(id, Map.of("stops", List.of("depot", "park")));

    ActivatedJob first = activateOne(id);
    assertNoJob(id);
    client().newCompleteCommand(first).send().join();
    ActivatedJob second = activateOne(id);
    client().newCompleteCommand(second).send().join();

    assertThat(first.getVariablesAsMap())
        .containsEntry("stop", "depot")
        .containsEntry("loopCounter", 1);
    assertThat(second.getVariablesAsMap())
        .containsEntry("stop", "park")
        .containsEntry("loopCounter", 2);
    awaitCompleted(key);
  }

  @Test
  // docs/components/modeler/bpmn/multi-instance/multi-instance/ (completion condition)
  void aCompletionConditionEndsTheMultiInstanceEarly() {
    String id = uniqueId("mi-completion");
    deployPart2(
        "multi-instance with completion condition",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "Task_AskReviewer",
                t ->
                    t.zeebeJobType(id)
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("reviewers")
                                    .zeebeInputElement("reviewer")
                                    .completionCondition("= numberOfCompletedInstances >= 2")))
            .endEvent()
            .done());
    long key = startInstance(id, Map.of("reviewers", List.of("a", "b", "c")));

    List<ActivatedJob> jobs = new ArrayList<>();
    while (jobs.size() < 3) {
      jobs.addAll(activate(id, 3, JOB_POLL));
    }
    client().newCompleteCommand(jobs.get(0)).send().join();
    client().newCompleteCommand(jobs.get(1)).send().join();

    awaitCompleted(key);
    ProblemException stale =
        problemOf(() -> client().newCompleteCommand(jobs.get(2)).send().join());
    assertThat(stale.code()).isEqualTo(404);
  }

  @Test
  // docs/components/modeler/bpmn/multi-instance/multi-instance/ (empty input collection)
  void aMultiInstanceWithAnEmptyCollectionCompletesAtOnceWithAnEmptyOutput() {
    String id = uniqueId("mi-empty");
    deployPart2(
        "parallel multi-instance",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "Task_Each",
                t ->
                    t.zeebeJobType(id)
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("items")
                                    .zeebeInputElement("item")
                                    .zeebeOutputCollection("results")
                                    .zeebeOutputElementExpression("result")))
            .endEvent()
            .done());

    long key = startInstance(id, Map.of("items", List.of()));

    awaitCompleted(key);
    awaitRootVariables(key, vars -> assertThat(vars).containsEntry("results", List.of()));
  }

  @Test
  // docs/components/modeler/bpmn/inclusive-gateways/inclusive-gateways/
  void anInclusiveGatewayActivatesEveryFlowWhoseConditionHolds() {
    String id = uniqueId("inclusive");
    deployPart2(
        "inclusive gateway",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .inclusiveGateway("Gateway_Channels")
            .conditionExpression("sms")
            .serviceTask("Task_Sms", t -> t.zeebeJobType(id + ".sms"))
            .endEvent()
            .moveToLastGateway()
            .conditionExpression("email")
            .serviceTask("Task_Email", t -> t.zeebeJobType(id + ".email"))
            .endEvent()
            .moveToLastGateway()
            .conditionExpression("post")
            .serviceTask("Task_Post", t -> t.zeebeJobType(id + ".post"))
            .endEvent()
            .done());

    long key = startInstance(id, Map.of("sms", true, "email", true, "post", false));

    assertThat(activateOne(id + ".sms").getProcessInstanceKey()).isEqualTo(key);
    assertThat(activateOne(id + ".email").getProcessInstanceKey()).isEqualTo(key);
    assertNoJob(id + ".post");
  }

  static String routingDecision(String decisionId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                     id="Definitions_%1$s" name="Ticket routing" namespace="http://cityflow.io/dmn">
          <decision id="%1$s" name="Route ticket">
            <decisionTable id="DecisionTable_Route" hitPolicy="FIRST">
              <input id="Input_Category" label="Category">
                <inputExpression id="InputExpression_Category" typeRef="string">
                  <text>category</text>
                </inputExpression>
              </input>
              <output id="Output_Department" name="department" typeRef="string"/>
              <rule id="Rule_Water">
                <inputEntry id="InputEntry_Water"><text>"water"</text></inputEntry>
                <outputEntry id="OutputEntry_Water"><text>"utilities"</text></outputEntry>
              </rule>
              <rule id="Rule_Other">
                <inputEntry id="InputEntry_Other"><text>-</text></inputEntry>
                <outputEntry id="OutputEntry_Other"><text>"general"</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """
        .formatted(decisionId);
  }

  @Test
  // docs/components/modeler/bpmn/business-rule-tasks/business-rule-tasks/
  void aBusinessRuleTaskStoresTheDecisionResultInItsResultVariable() {
    String id = uniqueId("business-rule");
    String decisionId = uniqueId("route-ticket");
    Map<String, String> resources = new LinkedHashMap<>();
    resources.put(decisionId + ".dmn", routingDecision(decisionId));
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
    deployPart2Resources("business rule task with DMN", resources);

    long key = startInstance(id, Map.of("category", "water"));

    awaitCompleted(key);
    awaitRootVariables(key, vars -> assertThat(vars).containsEntry("department", "utilities"));
  }

  @Test
  // docs/components/modeler/dmn/decision-table-hit-policy/ (evaluate through the API)
  void evaluatingADecisionAnswersWithTheOutputOfTheMatchingRule() {
    String decisionId = uniqueId("route-ticket");
    DeploymentEvent deployment =
        deployPart2Resources(
            "DMN decision", Map.of(decisionId + ".dmn", routingDecision(decisionId)));
    assertThat(deployment.getDecisions())
        .extracting(d -> d.getDmnDecisionId())
        .contains(decisionId);

    EvaluateDecisionResponse response =
        callPart2Endpoint(
            "POST /v2/decision-definitions/evaluation",
            () ->
                client()
                    .newEvaluateDecisionCommand()
                    .decisionId(decisionId)
                    .variables(Map.of("category", "roads"))
                    .send()
                    .join());

    assertThat(response.getDecisionId()).isEqualTo(decisionId);
    assertThat(response.getDecisionOutput()).isEqualTo("\"general\"");
  }

  @Test
  // docs/components/concepts/process-instance-migration/
  void aMigratedInstanceContinuesOnTheTargetVersion() {
    String id = uniqueId("migration");
    deploy(serviceTaskProcess(id, id));
    long target =
        deployProcess(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("Task_Work", t -> t.zeebeJobType(id))
                .serviceTask("Task_Audit", t -> t.zeebeJobType(id + ".audit"))
                .endEvent()
                .done());
    long key =
        client()
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .version(1)
            .send()
            .join()
            .getProcessInstanceKey();
    ActivatedJob job = activateOne(id);

    callPart2Endpoint(
        "POST /v2/process-instances/{key}/migration",
        () ->
            client()
                .newMigrateProcessInstanceCommand(key)
                .migrationPlan(target)
                .addMappingInstruction("Task_Work", "Task_Work")
                .send()
                .join());

    await()
        .atMost(EVENTUALLY)
        .until(
            () -> client().newProcessInstanceGetRequest(key).send().join(),
            p -> p.getProcessDefinitionKey() == target);
    client().newCompleteCommand(job).send().join();
    assertThat(activateOne(id + ".audit").getProcessInstanceKey()).isEqualTo(key);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/search-element-instances/
  void elementInstanceSearchShowsTheCompletedAndActiveElementsOfAnInstance() {
    String id = uniqueId("element-search");
    deploy(serviceTaskProcess(id, id));
    long key = startInstance(id);
    activateOne(id);

    List<ElementInstance> elements =
        callPart2Endpoint(
            "POST /v2/element-instances/search",
            () ->
                await()
                    .atMost(EVENTUALLY)
                    .until(
                        () ->
                            client()
                                .newElementInstanceSearchRequest()
                                .filter(f -> f.processInstanceKey(key))
                                .send()
                                .join()
                                .items(),
                        items ->
                            items.stream().anyMatch(e -> "Task_Work".equals(e.getElementId()))));

    assertThat(elements)
        .filteredOn(e -> "Task_Work".equals(e.getElementId()))
        .singleElement()
        .satisfies(e -> assertThat(e.getState()).isEqualTo(ElementInstanceState.ACTIVE));
    assertThat(elements)
        .filteredOn(e -> "Event_Start".equals(e.getElementId()))
        .singleElement()
        .satisfies(e -> assertThat(e.getState()).isEqualTo(ElementInstanceState.COMPLETED));
  }
}
