package io.cityflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v2/process-instances/{key}/migration}, as the client's migrate command sends it. */
class MigrationIT {

  private LocalEngine engine;
  private CamundaClient client;
  private long version1;
  private long version2;

  @BeforeEach
  void start() {
    engine = LocalEngine.start(EngineTestSupport.inMemory());
    client = EngineTestSupport.client(engine);
    version1 = deploy("bpmn/service-user.bpmn");
  }

  @AfterEach
  void stop() {
    client.close();
    engine.close();
  }

  @Test
  void movesAWaitingInstanceAndItsJobToTheNewVersion() {
    // given two instances waiting at the service task of version 1, and a version 2
    long migrated = startOnVersion1();
    long staying = startOnVersion1();
    version2 = deploy("bpmn/service-user-v2.bpmn");

    // when one of them is migrated, its service task mapped to the renamed one
    migrate(migrated, "Task_Work", "Task_DoWork");

    // then it runs on version 2 and its job follows the element, while the other stays on 1
    assertThat(definitionOf(migrated)).isEqualTo(version2);
    assertThat(definitionOf(staying)).isEqualTo(version1);
    List<ActivatedJob> jobs = activate();
    ActivatedJob job =
        jobs.stream().filter(j -> j.getProcessInstanceKey() == migrated).findFirst().orElseThrow();
    assertThat(job.getElementId()).isEqualTo("Task_DoWork");
    assertThat(job.getProcessDefinitionKey()).isEqualTo(version2);
    assertThat(
            jobs.stream()
                .filter(j -> j.getProcessInstanceKey() == staying)
                .map(ActivatedJob::getElementId))
        .containsExactly("Task_Work");

    // and when its job completes, it goes on along version 2's flow
    client.newCompleteCommand(job).send().join();
    List<UserTask> tasks =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(migrated))
            .send()
            .join()
            .items();
    assertThat(tasks).extracting(UserTask::getElementId).containsExactly("Task_Check");
  }

  @Test
  void movesAUserTaskWithItsElement() {
    // given an instance waiting at the user task of version 1
    long instance = startOnVersion1();
    client
        .newCompleteCommand(
            activate().stream()
                .filter(j -> j.getProcessInstanceKey() == instance)
                .findFirst()
                .orElseThrow())
        .send()
        .join();
    version2 = deploy("bpmn/service-user-v2.bpmn");

    // when it is migrated with its user task mapped
    migrate(instance, "Task_Approve", "Task_Check");

    // then the task belongs to the target element, and completing it ends the instance
    UserTask task =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items()
            .get(0);
    assertThat(task.getElementId()).isEqualTo("Task_Check");
    assertThat(task.getProcessDefinitionKey()).isEqualTo(version2);
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join();
    assertThat(client.newProcessInstanceGetRequest(instance).send().join().getState().name())
        .isEqualTo("COMPLETED");
  }

  @Test
  void refusesAMappingBetweenElementsOfDifferentTypes() {
    // given an instance at its service task and a version 2
    long instance = startOnVersion1();
    version2 = deploy("bpmn/service-user-v2.bpmn");

    // when the service task is mapped to a user task, then the migration is refused by name
    assertThatThrownBy(() -> migrate(instance, "Task_Work", "Task_Check"))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("400")
        .hasMessageContaining("'Task_Work' (SERVICE_TASK) cannot be mapped to 'Task_Check'");
    assertThat(definitionOf(instance)).isEqualTo(version1);
  }

  @Test
  void refusesToLeaveAnActiveElementUnmapped() {
    long instance = startOnVersion1();
    version2 = deploy("bpmn/service-user-v2.bpmn");

    assertThatThrownBy(() -> migrate(instance, "Task_Approve", "Task_Check"))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("active element 'Task_Work' has no mapping");
    assertThat(definitionOf(instance)).isEqualTo(version1);
  }

  private long deploy(String resource) {
    return EngineTestSupport.deploy(client, resource)
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  /** Migrates an instance to version 2, mapping one element of version 1 to one of version 2. */
  private void migrate(long instance, String sourceElement, String targetElement) {
    client
        .newMigrateProcessInstanceCommand(instance)
        .migrationPlan(version2)
        .addMappingInstruction(sourceElement, targetElement)
        .send()
        .join();
  }

  private long startOnVersion1() {
    return client
        .newCreateInstanceCommand()
        .processDefinitionKey(version1)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private long definitionOf(long instance) {
    return client.newProcessInstanceGetRequest(instance).send().join().getProcessDefinitionKey();
  }

  private List<ActivatedJob> activate() {
    return client
        .newActivateJobsCommand()
        .jobType("bench.work")
        .maxJobsToActivate(10)
        .timeout(Duration.ofMinutes(1))
        .send()
        .join()
        .getJobs();
  }
}
