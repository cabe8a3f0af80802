package io.cityflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.response.ElementInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v2/element-instances/search} and {@code GET /v2/element-instances/{key}}. */
class ElementInstanceSearchIT extends CamundaClientFixture {

  private static long definitionKey;

  @BeforeAll
  static void deployModels() {
    definitionKey =
        EngineTestSupport.deploy(client, "bpmn/service-user.bpmn")
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();
  }

  @Test
  void tracksEveryElementInstanceThroughItsLife() {
    // given an instance waiting at its service task
    long instance = startInstance();
    assertThat(elementsOf(instance))
        .extracting(ElementInstance::getElementId, ElementInstance::getType, e -> e.getState())
        .containsExactlyInAnyOrder(
            tuple("service-user", ElementInstanceType.PROCESS, ElementInstanceState.ACTIVE),
            tuple("StartEvent_1", ElementInstanceType.START_EVENT, ElementInstanceState.COMPLETED),
            tuple("Task_Work", ElementInstanceType.SERVICE_TASK, ElementInstanceState.ACTIVE));

    // when its job completes and the instance is then cancelled at the user task
    completeJobOf(instance);
    client.newCancelInstanceCommand(instance).send().join();

    // then the task completed, the user task and the process were terminated
    assertThat(elementsOf(instance))
        .extracting(ElementInstance::getElementId, e -> e.getState())
        .containsExactlyInAnyOrder(
            tuple("service-user", ElementInstanceState.TERMINATED),
            tuple("StartEvent_1", ElementInstanceState.COMPLETED),
            tuple("Task_Work", ElementInstanceState.COMPLETED),
            tuple("Task_Approve", ElementInstanceState.TERMINATED));
  }

  @Test
  void countsActiveInstancesPerElement() {
    // given three instances, one of which has moved on to the user task
    long first = startInstance();
    startInstance();
    startInstance();
    completeJobOf(first);

    // when the console asks how many are active at each element of the definition
    long atWork = activeAt("Task_Work");
    long atApproval = activeAt("Task_Approve");

    // then it sees the instances where they wait
    assertThat(atWork).isGreaterThanOrEqualTo(2);
    assertThat(atApproval).isGreaterThanOrEqualTo(1);
    assertThat(
            client
                .newElementInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(first).elementId("Task_Approve"))
                .send()
                .join()
                .items())
        .singleElement()
        .satisfies(e -> assertThat(e.getType()).isEqualTo(ElementInstanceType.USER_TASK));
  }

  @Test
  void getsOneElementInstanceByKey() {
    long instance = startInstance();
    ElementInstance work =
        elementsOf(instance).stream()
            .filter(e -> e.getElementId().equals("Task_Work"))
            .findFirst()
            .orElseThrow();

    ElementInstance found =
        client.newElementInstanceGetRequest(work.getElementInstanceKey()).send().join();

    assertThat(found.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(found.getState()).isEqualTo(ElementInstanceState.ACTIVE);
    assertThatThrownBy(() -> client.newElementInstanceGetRequest(1L).send().join())
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("404");
  }

  private static long startInstance() {
    return EngineTestSupport.createInstance(client, "service-user", Map.of("district", "north"));
  }

  private static void completeJobOf(long instance) {
    for (int attempt = 0; attempt < 50; attempt++) {
      List<ActivatedJob> jobs =
          client
              .newActivateJobsCommand()
              .jobType("bench.work")
              .maxJobsToActivate(100)
              .timeout(Duration.ofMinutes(1))
              .send()
              .join()
              .getJobs();
      boolean found = false;
      for (ActivatedJob job : jobs) {
        if (job.getProcessInstanceKey() == instance) {
          client.newCompleteCommand(job).send().join();
          found = true;
        } else {
          client.newFailCommand(job).retries(1).send().join();
        }
      }
      if (found) {
        return;
      }
    }
    throw new IllegalStateException("No job for instance " + instance);
  }

  private static List<ElementInstance> elementsOf(long instance) {
    return client
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(instance))
        .send()
        .join()
        .items();
  }

  private static long activeAt(String elementId) {
    return client
        .newElementInstanceSearchRequest()
        .filter(
            f ->
                f.processDefinitionKey(definitionKey)
                    .elementId(elementId)
                    .state(ElementInstanceState.ACTIVE))
        .page(p -> p.limit(1))
        .send()
        .join()
        .page()
        .totalItems();
  }
}
