package io.cityflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Script tasks, input/output mappings, variable scopes and propagation, and variable APIs. */
public abstract class VariableScenarios extends ScenarioSupport {

  @Test
  // docs/components/modeler/bpmn/script-tasks/script-tasks/
  void aScriptTaskStoresItsFeelResultInTheResultVariable() {
    String id = uniqueId("script");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .scriptTask(
                "Task_Greeting",
                s -> s.zeebeExpression("\"Dear \" + name").zeebeResultVariable("greeting"))
            .endEvent()
            .done());

    long key = startInstance(id, Map.of("name", "Ann"));

    awaitCompleted(key);
    awaitRootVariables(key, vars -> assertThat(vars).containsEntry("greeting", "Dear Ann"));
  }

  @Test
  // docs/components/concepts/variables/ (input mappings)
  void inputMappingsCreateLocalVariablesThatTheJobSees() {
    String id = uniqueId("io-input");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "Task_Notify",
                t ->
                    t.zeebeJobType(id)
                        .zeebeInputExpression("citizen.phone", "phone")
                        .zeebeInputExpression("\"SMS to \" + phone", "label"))
            .endEvent()
            .done());
    long key = startInstance(id, Map.of("citizen", Map.of("phone", "555-0101")));

    ActivatedJob job = activateOne(id);

    assertThat(job.getVariablesAsMap())
        .containsEntry("phone", "555-0101")
        .containsEntry("label", "SMS to 555-0101");
    await()
        .atMost(EVENTUALLY)
        .untilAsserted(
            () ->
                assertThat(variablesInScope(key, job.getElementInstanceKey()))
                    .containsKeys("phone", "label"));
    assertThat(rootVariables(key)).doesNotContainKeys("phone", "label");
  }

  @Test
  // docs/components/concepts/variables/ (output mappings)
  void outputMappingsMergeOnlyTheirTargets() {
    String id = uniqueId("io-output");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "Task_Assess",
                t ->
                    t.zeebeJobType(id)
                        .zeebeOutputExpression("score * 10", "rating")
                        .zeebeOutputExpression("score", "order.score"))
            .userTask("Task_Wait", u -> u.zeebeUserTask())
            .endEvent()
            .done());
    long key = startInstance(id);

    completeJob(id, Map.of("score", 7, "internalNote", "x"));

    awaitUserTask(key);
    awaitRootVariables(
        key,
        vars -> {
          assertThat(vars).containsEntry("rating", 70).containsEntry("order", Map.of("score", 7));
          assertThat(vars).doesNotContainKeys("score", "internalNote");
        });
  }

  @Test
  // docs/components/concepts/variables/ (variable propagation)
  void jobVariablesUpdateTheLocalVariableOfTheSameNameInsteadOfTheRoot() {
    String id = uniqueId("io-propagation");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("Task_Count", t -> t.zeebeJobType(id).zeebeInputExpression("0", "count"))
            .userTask("Task_Wait", u -> u.zeebeUserTask())
            .endEvent()
            .done());
    long key = startInstance(id, Map.of("count", 5));

    completeJob(id, Map.of("count", 9, "fresh", true));

    awaitUserTask(key);
    awaitRootVariables(
        key, vars -> assertThat(vars).containsEntry("count", 5).containsEntry("fresh", true));
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/create-element-instance-variables/
  void settingVariablesOnTheInstanceUpdatesTheRootScope() {
    String id = uniqueId("set-vars");
    deploy(serviceTaskProcess(id, id));
    long key = startInstance(id, Map.of("status", "new"));

    client()
        .newSetVariablesCommand(key)
        .variables(Map.of("status", "triaged", "priority", 2))
        .send()
        .join();

    awaitRootVariables(
        key,
        vars -> assertThat(vars).containsEntry("status", "triaged").containsEntry("priority", 2));
    assertThat(activateOne(id).getVariablesAsMap()).containsEntry("status", "triaged");
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/create-element-instance-variables/ (local)
  void settingLocalVariablesOnATaskKeepsThemInTheTaskScope() {
    String id = uniqueId("set-vars-local");
    deploy(serviceTaskProcess(id, id));
    long key = startInstance(id);
    ActivatedJob job = activateOne(id);

    client()
        .newSetVariablesCommand(job.getElementInstanceKey())
        .variables(Map.of("draft", "v1"))
        .local(true)
        .send()
        .join();

    await()
        .atMost(EVENTUALLY)
        .untilAsserted(
            () ->
                assertThat(variablesInScope(key, job.getElementInstanceKey()))
                    .containsEntry("draft", "v1"));
    assertThat(rootVariables(key)).doesNotContainKey("draft");
  }

  @Test
  // docs/components/concepts/variables/ (variable propagation, non-local set from a task)
  void settingNonLocalVariablesOnATaskPropagatesThemToTheRoot() {
    String id = uniqueId("set-vars-propagate");
    deploy(serviceTaskProcess(id, id));
    long key = startInstance(id);
    ActivatedJob job = activateOne(id);

    client()
        .newSetVariablesCommand(job.getElementInstanceKey())
        .variables(Map.of("seenBy", "worker-1"))
        .local(false)
        .send()
        .join();

    awaitRootVariables(key, vars -> assertThat(vars).containsEntry("seenBy", "worker-1"));
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/search-variables/
  void variableSearchReturnsJsonSerializedValues() {
    String id = uniqueId("var-search");
    deploy(serviceTaskProcess(id, id));
    long key =
        startInstance(
            id, Map.of("text", "abc", "number", 12, "flag", true, "nested", Map.of("a", 1)));

    List<Variable> rows =
        await().atMost(EVENTUALLY).until(() -> variableRows(key), r -> r.size() == 4);

    assertThat(rows)
        .extracting(Variable::getName, Variable::getValue)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("text", "\"abc\""),
            org.assertj.core.groups.Tuple.tuple("number", "12"),
            org.assertj.core.groups.Tuple.tuple("flag", "true"),
            org.assertj.core.groups.Tuple.tuple("nested", "{\"a\":1}"));
    assertThat(rows).allSatisfy(v -> assertThat(v.getScopeKey()).isEqualTo(key));
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/search-variables/
  void variableSearchFiltersByName() {
    String id = uniqueId("var-search-name");
    deploy(serviceTaskProcess(id, id));
    long key = startInstance(id, Map.of("district", "north", "ward", 3));

    List<Variable> rows =
        await()
            .atMost(EVENTUALLY)
            .until(
                () ->
                    client()
                        .newVariableSearchRequest()
                        .filter(f -> f.processInstanceKey(key).name("district"))
                        .send()
                        .join()
                        .items(),
                r -> !r.isEmpty());

    assertThat(rows)
        .singleElement()
        .satisfies(v -> assertThat(v.getValue()).isEqualTo("\"north\""));
  }

  @Test
  // docs/components/modeler/bpmn/user-tasks/user-tasks/ (variable mappings on user tasks)
  void userTaskOutputMappingsMergeOnlyTheirTargets() {
    String id = uniqueId("ut-output");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .userTask(
                "Task_Decide",
                u -> u.zeebeUserTask().zeebeOutputExpression("decision = \"approve\"", "approved"))
            .endEvent()
            .done());
    long key = startInstance(id);
    var task = awaitUserTask(key);

    client()
        .newCompleteUserTaskCommand(task.getUserTaskKey())
        .variables(Map.of("decision", "approve", "comment", "ok"))
        .send()
        .join();

    awaitCompleted(key);
    awaitRootVariables(
        key,
        vars -> {
          assertThat(vars).containsEntry("approved", true);
          assertThat(vars).doesNotContainKeys("decision", "comment");
        });
  }

  @Test
  // docs/components/concepts/variables/ (input mappings: a missing source yields null)
  void anInputMappingFromAMissingVariableCreatesANullLocal() {
    String id = uniqueId("io-missing");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "Task_Notify",
                t -> t.zeebeJobType(id).zeebeInputExpression("citizen.email", "email"))
            .endEvent()
            .done());
    long key = startInstance(id);

    ActivatedJob job = activateOne(id);

    assertThat(job.getVariablesAsMap()).containsEntry("email", null);
    await()
        .atMost(EVENTUALLY)
        .untilAsserted(
            () ->
                assertThat(variablesInScope(key, job.getElementInstanceKey()))
                    .containsEntry("email", null));
  }
}
