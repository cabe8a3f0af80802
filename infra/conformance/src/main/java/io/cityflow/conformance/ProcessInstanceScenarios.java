package io.cityflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Creating, awaiting, cancelling, getting and searching process instances. */
public abstract class ProcessInstanceScenarios extends ScenarioSupport {

  @Test
  // docs/components/modeler/bpmn/none-events/none-events/
  void aProcessOfNoneStartAndNoneEndCompletesAtOnce() {
    String id = uniqueId("none-events");
    deploy(Bpmn.createExecutableProcess(id).startEvent().endEvent().done());

    long key = startInstance(id);

    ProcessInstance instance = awaitInstanceState(key, ProcessInstanceState.COMPLETED);
    assertThat(instance.getEndDate()).isNotNull();
  }

  @Test
  // docs/components/concepts/process-instance-creation/
  void creatingByIdWithoutVersionStartsTheLatestVersion() {
    String id = uniqueId("create-latest");
    deploy(serviceTaskProcess(id, "a-" + id));
    long latestKey = deployProcess(serviceTaskProcess(id, "b-" + id));

    ProcessInstanceEvent created =
        client().newCreateInstanceCommand().bpmnProcessId(id).latestVersion().send().join();

    assertThat(created.getVersion()).isEqualTo(2);
    assertThat(created.getProcessDefinitionKey()).isEqualTo(latestKey);
    assertThat(created.getBpmnProcessId()).isEqualTo(id);
  }

  @Test
  // docs/components/concepts/process-instance-creation/
  void creatingByIdAndVersionStartsThatVersion() {
    String id = uniqueId("create-version");
    long firstKey = deployProcess(serviceTaskProcess(id, "a-" + id));
    deploy(serviceTaskProcess(id, "b-" + id));

    ProcessInstanceEvent created =
        client().newCreateInstanceCommand().bpmnProcessId(id).version(1).send().join();

    assertThat(created.getVersion()).isEqualTo(1);
    assertThat(created.getProcessDefinitionKey()).isEqualTo(firstKey);
    assertThat(activateOne("a-" + id).getProcessInstanceKey())
        .isEqualTo(created.getProcessInstanceKey());
  }

  @Test
  // docs/components/concepts/process-instance-creation/
  void creatingByKeyStartsThatDefinitionWithItsVariables() {
    String id = uniqueId("create-key");
    long key = deployProcess(serviceTaskProcess(id, id));

    ProcessInstanceEvent created =
        client()
            .newCreateInstanceCommand()
            .processDefinitionKey(key)
            .variables(Map.of("caseId", "C-17"))
            .send()
            .join();

    assertThat(created.getProcessDefinitionKey()).isEqualTo(key);
    assertThat(activateOne(id).getVariablesAsMap()).containsEntry("caseId", "C-17");
  }

  @Test
  // docs/components/concepts/process-instance-creation/ (await completion)
  void creatingWithResultReturnsTheFetchedVariablesOfTheCompletedInstance() {
    String id = uniqueId("create-result");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .scriptTask("Task_Total", s -> s.zeebeExpression("a + b").zeebeResultVariable("total"))
            .endEvent()
            .done());

    ProcessInstanceResult result =
        client()
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .variables(Map.of("a", 2, "b", 3))
            .withResult()
            .fetchVariables("total")
            .requestTimeout(Duration.ofSeconds(20))
            .send()
            .join();

    assertThat(result.getVariablesAsMap()).containsOnlyKeys("total");
    assertThat(((Number) result.getVariable("total")).intValue()).isEqualTo(5);
  }

  @Test
  // docs/components/concepts/process-instance-creation/ (await completion)
  void creatingWithResultWithoutFetchVariablesReturnsAllRootVariables() {
    String id = uniqueId("create-result-all");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .scriptTask("Task_Total", s -> s.zeebeExpression("a * 2").zeebeResultVariable("twice"))
            .endEvent()
            .done());

    ProcessInstanceResult result =
        client()
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .variables(Map.of("a", 4))
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send()
            .join();

    assertThat(result.getVariablesAsMap()).containsOnlyKeys("a", "twice");
  }

  @Test
  // docs/components/concepts/process-instance-creation/ (await completion: 504 on timeout)
  void creatingWithResultTimesOutWhileTheInstanceWaitsAndTheInstanceRunsOn() {
    String id = uniqueId("create-result-timeout");
    deploy(serviceTaskProcess(id, id));

    ProblemException problem =
        problemOf(
            () ->
                client()
                    .newCreateInstanceCommand()
                    .bpmnProcessId(id)
                    .latestVersion()
                    .withResult()
                    .requestTimeout(Duration.ofSeconds(1))
                    .send()
                    .join());

    assertThat(problem.code()).isEqualTo(504);
    assertThat(activateOne(id).getBpmnProcessId()).isEqualTo(id);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/create-process-instance/
  void creatingAnInstanceOfAnUnknownProcessIsNotFound() {
    ProblemException problem = problemOf(() -> startInstance(uniqueId("never-deployed")));

    assertThat(problem.code()).isEqualTo(404);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/cancel-process-instance/
  void cancellingAnActiveInstanceTerminatesItAndItsJobs() {
    String id = uniqueId("cancel");
    deploy(serviceTaskProcess(id, id));
    long key = startInstance(id);
    awaitInstanceState(key, ProcessInstanceState.ACTIVE);

    client().newCancelInstanceCommand(key).send().join();

    awaitInstanceState(key, ProcessInstanceState.TERMINATED);
    assertNoJob(id);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/cancel-process-instance/
  void cancellingAnUnknownInstanceIsNotFound() {
    ProblemException problem =
        problemOf(() -> client().newCancelInstanceCommand(2251799813999999L).send().join());

    assertThat(problem.code()).isEqualTo(404);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/cancel-process-instance/
  void cancellingACompletedInstanceIsNotFound() {
    String id = uniqueId("cancel-completed");
    deploy(Bpmn.createExecutableProcess(id).startEvent().endEvent().done());
    long key = startInstance(id);
    awaitCompleted(key);

    ProblemException problem =
        problemOf(() -> client().newCancelInstanceCommand(key).send().join());

    assertThat(problem.code()).isEqualTo(404);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/get-process-instance/
  void gettingAnInstanceDescribesItsDefinitionAndState() {
    String id = uniqueId("get-instance");
    long definitionKey = deployProcess(serviceTaskProcess(id, id));
    long key = startInstance(id);

    ProcessInstance instance = awaitInstanceState(key, ProcessInstanceState.ACTIVE);

    assertThat(instance.getProcessInstanceKey()).isEqualTo(key);
    assertThat(instance.getProcessDefinitionId()).isEqualTo(id);
    assertThat(instance.getProcessDefinitionKey()).isEqualTo(definitionKey);
    assertThat(instance.getProcessDefinitionVersion()).isEqualTo(1);
    assertThat(instance.getStartDate()).isNotNull();
    assertThat(instance.getEndDate()).isNull();
    assertThat(instance.getHasIncident()).isFalse();
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/get-process-instance/
  void gettingAnUnknownInstanceIsNotFound() {
    ProblemException problem =
        problemOf(() -> client().newProcessInstanceGetRequest(2251799813999998L).send().join());

    assertThat(problem.code()).isEqualTo(404);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/search-process-instances/
  void searchingByProcessIdAndStateFindsOnlyMatchingInstances() {
    String id = uniqueId("search-instances");
    deploy(serviceTaskProcess(id, id));
    long first = startInstance(id);
    long second = startInstance(id);
    client().newCancelInstanceCommand(second).send().join();

    List<ProcessInstance> active =
        await()
            .atMost(EVENTUALLY)
            .until(
                () ->
                    client()
                        .newProcessInstanceSearchRequest()
                        .filter(f -> f.processDefinitionId(id).state(ProcessInstanceState.ACTIVE))
                        .send()
                        .join()
                        .items(),
                items -> items.size() == 1);
    await().atMost(EVENTUALLY).until(() -> instancesOf(id), items -> items.size() == 2);

    assertThat(active).extracting(ProcessInstance::getProcessInstanceKey).containsExactly(first);
  }
}
