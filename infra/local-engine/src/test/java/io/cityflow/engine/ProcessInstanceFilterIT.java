package io.cityflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.filter.ProcessInstanceFilter;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The process-instance search filters on element instances, incidents and the definition's name, as
 * the Camunda client sends them.
 */
class ProcessInstanceFilterIT extends CamundaClientFixture {

  private static long waiting;
  private static long failed;
  private static long done;

  @BeforeAll
  static void startInstances() {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("pif-permit")
                .name("Street permit")
                .startEvent()
                .serviceTask("Task_Check", t -> t.zeebeJobType("pif.check"))
                .userTask("Task_Approve", u -> u.zeebeUserTask())
                .endEvent()
                .done(),
            "pif-permit.bpmn")
        .send()
        .join();
    waiting = EngineTestSupport.createInstance(client, "pif-permit", Map.of());
    failed = EngineTestSupport.createInstance(client, "pif-permit", Map.of());
    done = EngineTestSupport.createInstance(client, "pif-permit", Map.of());
    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType("pif.check")
            .maxJobsToActivate(10)
            .requestTimeout(Duration.ofSeconds(1))
            .send()
            .join()
            .getJobs();
    assertThat(jobs).hasSize(3);
    for (ActivatedJob job : jobs) {
      if (job.getProcessInstanceKey() == failed) {
        client.newFailCommand(job).retries(0).errorMessage("permit register down").send().join();
      } else if (job.getProcessInstanceKey() == done) {
        client.newCompleteCommand(job).send().join();
      }
    }
  }

  private static List<Long> search(Consumer<ProcessInstanceFilter> filter) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(
            f -> {
              f.processDefinitionId("pif-permit");
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
  void elementIdFindsInstancesThatReachedTheElement() {
    assertThat(search(f -> f.elementId("Task_Approve"))).containsExactly(done);
    assertThat(search(f -> f.elementId("Task_Check")))
        .containsExactlyInAnyOrder(waiting, failed, done);
  }

  @Test
  void elementIdAndStateMustHoldForTheSameElementInstance() {
    assertThat(
            search(
                f -> f.elementId("Task_Check").elementInstanceState(ElementInstanceState.ACTIVE)))
        .containsExactlyInAnyOrder(waiting, failed);
    assertThat(
            search(
                f ->
                    f.elementId("Task_Check").elementInstanceState(ElementInstanceState.COMPLETED)))
        .containsExactly(done);
  }

  @Test
  void hasElementInstanceIncidentFindsInstancesWithAFailedElement() {
    assertThat(search(f -> f.elementId("Task_Check").hasElementInstanceIncident(true)))
        .containsExactly(failed);
    assertThat(
            search(
                f ->
                    f.elementInstanceState(ElementInstanceState.ACTIVE)
                        .hasElementInstanceIncident(false)))
        .containsExactlyInAnyOrder(waiting, done);
  }

  @Test
  void errorMessageMatchesTheMessageOfAnActiveIncident() {
    assertThat(search(f -> f.errorMessage("permit register down"))).containsExactly(failed);
    assertThat(search(f -> f.errorMessage(s -> s.like("*register*")))).containsExactly(failed);
    assertThat(search(f -> f.errorMessage("something else"))).isEmpty();
  }

  @Test
  void processDefinitionNameMatchesTheDeployedName() {
    assertThat(search(f -> f.processDefinitionName("Street permit")))
        .containsExactlyInAnyOrder(waiting, failed, done);
    assertThat(search(f -> f.processDefinitionName("Other"))).isEmpty();
  }

  @Test
  void anUnknownFilterIsStillABadRequestThatNamesIt() {
    assertThatThrownBy(
            () ->
                client
                    .newProcessInstanceSearchRequest()
                    .filter(f -> f.incidentErrorHashCode(42))
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.code()).isEqualTo(400);
              assertThat(p.details().getDetail()).contains("incidentErrorHashCode");
            });
  }
}
