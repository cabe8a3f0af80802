package io.cityflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Form;
import io.camunda.client.api.search.response.UserTask;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Camunda user tasks: assignment, schedule, forms, search and the task commands. */
public abstract class UserTaskScenarios extends ScenarioSupport {

  @Test
  // docs/components/modeler/bpmn/user-tasks/user-tasks/ (assignments)
  void aUserTaskIsCreatedWithItsStaticAssignmentAndDefaultPriority() {
    String id = uniqueId("ut-static");
    deploy(
        userTaskProcess(
            id,
            u ->
                u.name("Review application")
                    .zeebeAssignee("ann")
                    .zeebeCandidateGroups("clerks, supervisors")
                    .zeebeCandidateUsers("bob, carla")));
    long key = startInstance(id);

    UserTask task = awaitUserTask(key);

    assertThat(task.getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(task.getName()).isEqualTo("Review application");
    assertThat(task.getElementId()).isEqualTo("Task_Review");
    assertThat(task.getAssignee()).isEqualTo("ann");
    assertThat(task.getCandidateGroups()).containsExactlyInAnyOrder("clerks", "supervisors");
    assertThat(task.getCandidateUsers()).containsExactlyInAnyOrder("bob", "carla");
    assertThat(task.getBpmnProcessId()).isEqualTo(id);
    assertThat(task.getPriority()).isEqualTo(50);
  }

  @Test
  // docs/components/modeler/bpmn/user-tasks/user-tasks/ (assignments as expressions)
  void assignmentExpressionsAreEvaluatedWhenTheTaskIsCreated() {
    String id = uniqueId("ut-expr");
    deploy(
        userTaskProcess(
            id,
            u ->
                u.zeebeAssigneeExpression("clerk")
                    .zeebeCandidateGroupsExpression("[department, \"supervisors\"]")
                    .zeebeCandidateUsersExpression("backups")));
    long key =
        startInstance(
            id, Map.of("clerk", "dina", "department", "water", "backups", List.of("eve", "finn")));

    UserTask task = awaitUserTask(key);

    assertThat(task.getAssignee()).isEqualTo("dina");
    assertThat(task.getCandidateGroups()).containsExactlyInAnyOrder("water", "supervisors");
    assertThat(task.getCandidateUsers()).containsExactlyInAnyOrder("eve", "finn");
  }

  @Test
  // docs/components/modeler/bpmn/user-tasks/user-tasks/ (scheduling)
  void dueAndFollowUpDatesComeFromTheTaskSchedule() {
    String id = uniqueId("ut-schedule");
    deploy(
        userTaskProcess(
            id,
            u -> u.zeebeDueDate("2031-05-01T12:00:00Z").zeebeFollowUpDateExpression("followUp")));
    long key = startInstance(id, Map.of("followUp", "2031-04-28T09:30:00+02:00"));

    UserTask task = awaitUserTask(key);

    assertThat(task.getDueDate().toInstant())
        .isEqualTo(OffsetDateTime.parse("2031-05-01T12:00:00Z").toInstant());
    assertThat(task.getFollowUpDate().toInstant())
        .isEqualTo(OffsetDateTime.parse("2031-04-28T09:30:00+02:00").toInstant());
  }

  @Test
  // docs/components/modeler/bpmn/user-tasks/user-tasks/ (task priority, task headers)
  void priorityAndHeadersComeFromTheModel() {
    String id = uniqueId("ut-priority");
    deploy(
        userTaskProcess(id, u -> u.zeebeTaskPriority("80").zeebeTaskHeader("channel", "hotline")));
    long key = startInstance(id);

    UserTask task = awaitUserTask(key);

    assertThat(task.getPriority()).isEqualTo(80);
    assertThat(task.getCustomHeaders()).containsEntry("channel", "hotline");
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/search-user-tasks/
  void searchingByCandidateGroupAndAssigneeFindsTheMatchingTasks() {
    String id = uniqueId("ut-search");
    String group = uniqueId("group");
    deploy(userTaskProcess(id, u -> u.zeebeCandidateGroupsExpression("[group]")));
    long mine = startInstance(id, Map.of("group", group));
    startInstance(id, Map.of("group", "others-" + group));
    UserTask task = awaitUserTask(mine);
    client().newAssignUserTaskCommand(task.getUserTaskKey()).assignee("gina").send().join();

    List<UserTask> found =
        await()
            .atMost(EVENTUALLY)
            .until(
                () ->
                    client()
                        .newUserTaskSearchRequest()
                        .filter(f -> f.candidateGroup(group).assignee("gina"))
                        .send()
                        .join()
                        .items(),
                items -> !items.isEmpty());

    assertThat(found).extracting(UserTask::getProcessInstanceKey).containsExactly(mine);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/assign-user-task/
  void assigningSetsTheAssigneeAndReassigningReplacesIt() {
    String id = uniqueId("ut-assign");
    deploy(userTaskProcess(id, u -> {}));
    UserTask task = awaitUserTask(startInstance(id));

    client().newAssignUserTaskCommand(task.getUserTaskKey()).assignee("ann").send().join();
    awaitUserTask(task.getUserTaskKey(), t -> "ann".equals(t.getAssignee()));
    client().newAssignUserTaskCommand(task.getUserTaskKey()).assignee("bob").send().join();

    assertThat(awaitUserTask(task.getUserTaskKey(), t -> "bob".equals(t.getAssignee())).getState())
        .isEqualTo(UserTaskState.CREATED);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/assign-user-task/ (allowOverride)
  void assigningAnAssignedTaskWithoutOverrideIsAConflict() {
    String id = uniqueId("ut-no-override");
    deploy(userTaskProcess(id, u -> u.zeebeAssignee("ann")));
    UserTask task = awaitUserTask(startInstance(id));

    ProblemException problem =
        problemOf(
            () ->
                client()
                    .newAssignUserTaskCommand(task.getUserTaskKey())
                    .assignee("bob")
                    .allowOverride(false)
                    .send()
                    .join());

    assertThat(problem.code()).isEqualTo(409);
    assertThat(client().newUserTaskGetRequest(task.getUserTaskKey()).send().join().getAssignee())
        .isEqualTo("ann");
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/unassign-user-task/
  void unassigningClearsTheAssignee() {
    String id = uniqueId("ut-unassign");
    deploy(userTaskProcess(id, u -> u.zeebeAssignee("ann")));
    UserTask task = awaitUserTask(startInstance(id));

    client().newUnassignUserTaskCommand(task.getUserTaskKey()).send().join();

    assertThat(awaitUserTask(task.getUserTaskKey(), t -> t.getAssignee() == null).getState())
        .isEqualTo(UserTaskState.CREATED);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/complete-user-task/
  void completingATaskMergesItsVariablesAndContinuesTheProcess() {
    String id = uniqueId("ut-complete");
    deploy(userTaskProcess(id, u -> {}));
    long key = startInstance(id);
    UserTask task = awaitUserTask(key);

    client()
        .newCompleteUserTaskCommand(task.getUserTaskKey())
        .variables(Map.of("approved", true))
        .send()
        .join();

    awaitCompleted(key);
    awaitRootVariables(key, vars -> assertThat(vars).containsEntry("approved", true));
    assertThat(
            awaitUserTask(task.getUserTaskKey(), t -> t.getState() == UserTaskState.COMPLETED)
                .getCompletionDate())
        .isNotNull();
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/get-user-task/
  void gettingAnUnknownTaskIsNotFound() {
    ProblemException problem =
        problemOf(() -> client().newUserTaskGetRequest(2251799813999996L).send().join());

    assertThat(problem.code()).isEqualTo(404);
  }

  @Test
  // docs/components/modeler/bpmn/user-tasks/user-tasks/ (user task forms: linked Camunda Form)
  void aLinkedFormIsServedForTheTask() {
    String id = uniqueId("ut-form");
    String formId = uniqueId("review-form");
    long formKey =
        client()
            .newDeployResourceCommand()
            .addResourceStringUtf8(DeploymentScenarios.formJson(formId), formId + ".form")
            .send()
            .join()
            .getForm()
            .get(0)
            .getFormKey();
    deploy(userTaskProcess(id, u -> u.zeebeFormId(formId)));
    UserTask task = awaitUserTask(startInstance(id));

    Form form = client().newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();

    assertThat(task.getFormKey()).isEqualTo(formKey);
    assertThat(form.getFormId()).isEqualTo(formId);
    assertThat(form.getFormKey()).isEqualTo(formKey);
    assertThat(form.getSchema()).contains("citizenName");
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/get-user-task-form/
  void aTaskWithoutFormHasNoForm() {
    String id = uniqueId("ut-no-form");
    deploy(userTaskProcess(id, u -> {}));
    UserTask task = awaitUserTask(startInstance(id));

    Form form = client().newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();

    assertThat(form.getFormId()).isNull();
    assertThat(task.getFormKey()).isNull();
  }

  @Test
  // docs/components/modeler/bpmn/user-tasks/user-tasks/ (Camunda user task lifecycle)
  void cancellingTheInstanceCancelsItsUserTask() {
    String id = uniqueId("ut-cancel");
    deploy(userTaskProcess(id, u -> {}));
    long key = startInstance(id);
    UserTask task = awaitUserTask(key);

    client().newCancelInstanceCommand(key).send().join();

    assertThat(
            awaitUserTask(task.getUserTaskKey(), t -> t.getState() != UserTaskState.CREATED)
                .getState())
        .isEqualTo(UserTaskState.CANCELED);
  }

  @Test
  // docs/components/modeler/bpmn/user-tasks/user-tasks/ (form binding: latest by default)
  void aLinkedFormResolvesToTheLatestDeployedVersion() {
    String id = uniqueId("ut-form-latest");
    String formId = uniqueId("review-form");
    client()
        .newDeployResourceCommand()
        .addResourceStringUtf8(DeploymentScenarios.formJson(formId), formId + ".form")
        .send()
        .join();
    var latest =
        client()
            .newDeployResourceCommand()
            .addResourceStringUtf8(
                DeploymentScenarios.formJson(formId).replace("Citizen name", "Full name"),
                formId + ".form")
            .send()
            .join()
            .getForm()
            .get(0);
    deploy(userTaskProcess(id, u -> u.zeebeFormId(formId)));

    UserTask task = awaitUserTask(startInstance(id));
    Form form = client().newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();

    assertThat(latest.getVersion()).isEqualTo(2);
    assertThat(task.getFormKey()).isEqualTo(latest.getFormKey());
    assertThat(form.getVersion()).isEqualTo(2);
    assertThat(form.getSchema()).contains("Full name");
  }
}
