package io.cityflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint, exercised through the unmodified Camunda 8 Java client over REST. */
class CamundaClientIT extends CamundaClientFixture {

  private static DeploymentEvent deployment;

  @BeforeAll
  static void deployModels() {
    deployment =
        EngineTestSupport.deploy(
            client,
            "bpmn/all-elements.bpmn",
            "forms/review-form.form",
            "bpmn/service-user.bpmn",
            "bpmn/gateway.bpmn",
            "bpmn/message-start.bpmn",
            "bpmn/job.bpmn",
            "bpmn/feel-error.bpmn");
  }

  private static long start(String processId, Map<String, Object> variables) {
    return EngineTestSupport.createInstance(client, processId, variables);
  }

  /** Starts the "job" process with a job type of its own, so tests never take each other's jobs. */
  private static long startJob(String jobType) {
    return startJobWith(jobType, Map.of());
  }

  private static long startJobWith(String jobType, Map<String, Object> variables) {
    Map<String, Object> all = new java.util.HashMap<>(variables);
    all.put("jobType", jobType);
    all.put("retries", 3);
    return start("job", all);
  }

  private static ProcessInstanceState stateOf(long key) {
    return client.newProcessInstanceGetRequest(key).send().join().getState();
  }

  private static ActivatedJob activateOne(String type) {
    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(type)
            .maxJobsToActivate(1)
            .timeout(Duration.ofMinutes(1))
            .requestTimeout(Duration.ofSeconds(5))
            .send()
            .join()
            .getJobs();
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private static UserTask taskOf(long processInstanceKey) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey).state(UserTaskState.CREATED))
        .send()
        .join()
        .items()
        .get(0);
  }

  private static ProblemException problem(Runnable call) {
    try {
      call.run();
    } catch (ProblemException e) {
      return e;
    }
    throw new AssertionError("Expected a problem response");
  }

  @Test
  void topologyAndStatusDescribeOneHealthyBroker() {
    var topology = client.newTopologyRequest().send().join();

    assertThat(topology.getBrokers())
        .singleElement()
        .satisfies(b -> assertThat(b.getPartitions()).hasSize(1));
    assertThat(topology.getGatewayVersion()).isEqualTo("8.9.0");
    client.newStatusRequest().send().join();
  }

  @Test
  void deploymentReportsProcessesAndFormsAndAnUnchangedResourceKeepsItsVersion() {
    assertThat(deployment.getProcesses())
        .extracting(p -> p.getBpmnProcessId())
        .contains("all-elements", "service-user", "gateway", "message-start");
    assertThat(deployment.getForm())
        .singleElement()
        .satisfies(f -> assertThat(f.getFormId()).isEqualTo("review-form"));

    DeploymentEvent again = EngineTestSupport.deploy(client, "bpmn/gateway.bpmn");

    assertThat(again.getProcesses().get(0).getVersion()).isEqualTo(1);
    assertThat(again.getProcesses().get(0).getProcessDefinitionKey())
        .isEqualTo(
            deployment.getProcesses().stream()
                .filter(p -> p.getBpmnProcessId().equals("gateway"))
                .findFirst()
                .orElseThrow()
                .getProcessDefinitionKey());
  }

  @Test
  void changedResourceGetsTheNextVersion() {
    String xml =
        new String(EngineTestSupport.resource("bpmn/gateway.bpmn").content())
            .replace("id=\"gateway\"", "id=\"gateway-v\"");
    int first =
        client
            .newDeployResourceCommand()
            .addResourceStringUtf8(xml, "v.bpmn")
            .send()
            .join()
            .getProcesses()
            .get(0)
            .getVersion();
    int second =
        client
            .newDeployResourceCommand()
            .addResourceStringUtf8(xml.replace("amount &gt; 100", "amount &gt; 200"), "v.bpmn")
            .send()
            .join()
            .getProcesses()
            .get(0)
            .getVersion();

    assertThat(first).isEqualTo(1);
    assertThat(second).isEqualTo(2);
  }

  @Test
  void malformedXmlIsRejectedWithAProblemDetail() {
    ProblemException e =
        problem(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceStringUtf8("<bpmn:definitions", "broken.bpmn")
                    .send()
                    .join());

    assertThat(e.code()).isEqualTo(400);
    assertThat(e.details().getDetail()).contains("broken.bpmn").contains("not valid BPMN XML");
    assertThat(e.details().getTitle()).isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void deploymentWithOneBadResourceDeploysNothing() {
    long before = definitionCount();
    String xml =
        new String(EngineTestSupport.resource("bpmn/gateway.bpmn").content())
            .replace("id=\"gateway\"", "id=\"gateway-bad-feel\"")
            .replace("=amount &gt; 100", "=amount &gt;");

    ProblemException e =
        problem(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceFromClasspath("bpmn/parallel.bpmn")
                    .addResourceStringUtf8(xml, "bad-feel.bpmn")
                    .send()
                    .join());

    assertThat(e.code()).isEqualTo(400);
    assertThat(e.details().getDetail())
        .contains("bad-feel.bpmn")
        .contains("Flow_Big")
        .contains("does not parse");
    assertThat(definitionCount()).isEqualTo(before);
  }

  private static long definitionCount() {
    return client.newProcessDefinitionSearchRequest().send().join().page().totalItems();
  }

  @Test
  void feelFailureAtRunTimeBecomesAnIncidentNamingTheElement() {
    long key = start("feel-error", Map.of());

    Incident incident =
        client
            .newIncidentSearchRequest()
            .filter(f -> f.processInstanceKey(key))
            .send()
            .join()
            .items()
            .get(0);

    assertThat(incident.getElementId()).isEqualTo("Task_Check");
    assertThat(incident.getErrorMessage())
        .contains("Failed to evaluate the script of 'Task_Check'");
    assertThat(stateOf(key)).isEqualTo(ProcessInstanceState.ACTIVE);
  }

  @Test
  void failedJobWithBackOffComesBackAfterItAndFetchesOnlyAskedVariables() {
    startJobWith("backoff.job", Map.of("a", 1, "b", 2));
    ActivatedJob job = activateOne("backoff.job");

    client
        .newFailCommand(job)
        .retries(1)
        .retryBackoff(Duration.ofMillis(500))
        .errorMessage("later")
        .send()
        .join();
    long failedAt = System.nanoTime();
    ActivatedJob again =
        client
            .newActivateJobsCommand()
            .jobType("backoff.job")
            .maxJobsToActivate(1)
            .fetchVariables("a")
            .requestTimeout(Duration.ofSeconds(5))
            .send()
            .join()
            .getJobs()
            .get(0);

    assertThat(Duration.ofNanos(System.nanoTime() - failedAt))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(1);
    assertThat(again.getVariablesAsMap()).containsOnly(Map.entry("a", 1));
  }

  @Test
  void unsupportedElementsAreNamedWithTheirTypes() {
    ProblemException e = problem(() -> EngineTestSupport.deploy(client, "bpmn/unsupported.bpmn"));

    assertThat(e.code()).isEqualTo(400);
    assertThat(e.details().getDetail())
        .contains("'Gateway_Complex' of type 'complexGateway'")
        .contains("'Task_Send' of type 'sendTask'");
    assertThat(
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId("unsupported"))
                .send()
                .join()
                .items())
        .isEmpty();
  }

  @Test
  void unknownProcessIdIsNotFound() {
    ProblemException e = problem(() -> start("no-such-process", Map.of()));

    assertThat(e.code()).isEqualTo(404);
    assertThat(e.details().getDetail()).contains("'no-such-process'");
  }

  @Test
  void processWithEveryElementRunsEndToEnd() {
    AtomicInteger handled = new AtomicInteger();
    try (JobWorker worker =
        client
            .newWorker()
            .jobType("all.work")
            .handler(
                (jobClient, job) -> {
                  handled.incrementAndGet();
                  jobClient
                      .newCompleteCommand(job)
                      .variables(Map.of("result", "done"))
                      .send()
                      .join();
                })
            .open()) {
      long key =
          start("all-elements", Map.of("amount", 10, "reviewer", "demo", "orderId", "order-7"));

      await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 1);
      UserTask task = taskOf(key);
      assertThat(task.getAssignee()).isEqualTo("demo");
      assertThat(task.getCandidateGroups()).containsExactly("clerks", "supervisors");
      assertThat(task.getDueDate()).isEqualTo("2030-01-02T10:00:00Z");
      var inQueue =
          client
              .newUserTaskSearchRequest()
              .filter(
                  f ->
                      f.candidateGroup("supervisors").assignee("demo").state(UserTaskState.CREATED))
              .sort(sort -> sort.creationDate().desc())
              .page(page -> page.from(0).limit(10))
              .send()
              .join();
      assertThat(inQueue.items())
          .extracting(UserTask::getUserTaskKey)
          .contains(task.getUserTaskKey());
      assertThat(
              client
                  .newUserTaskSearchRequest()
                  .filter(f -> f.candidateGroup("nobody").processInstanceKey(key))
                  .send()
                  .join()
                  .items())
          .isEmpty();
      var form = client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();
      assertThat(form.getFormId()).isEqualTo("review-form");
      assertThat(form.getSchema().toString()).contains("approved");

      client.newAssignUserTaskCommand(task.getUserTaskKey()).assignee("ann").send().join();
      client.newUnassignUserTaskCommand(task.getUserTaskKey()).send().join();
      client
          .newCompleteUserTaskCommand(task.getUserTaskKey())
          .variables(Map.of("approved", true))
          .send()
          .join();
      client
          .newPublishMessageCommand()
          .messageName("all-continue")
          .correlationKey("order-7")
          .send()
          .join();
      assertThat(stateOf(key)).isEqualTo(ProcessInstanceState.ACTIVE);

      client.newPinClockCommand().time(Instant.now().plus(Duration.ofMinutes(11))).send().join();
      try {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> stateOf(key) == ProcessInstanceState.COMPLETED);
      } finally {
        client.newResetClockCommand().send().join();
      }
      var variables =
          client
              .newVariableSearchRequest()
              .filter(f -> f.processInstanceKey(key))
              .send()
              .join()
              .items();
      assertThat(variables)
          .anySatisfy(
              v -> {
                assertThat(v.getName()).isEqualTo("workResult");
                assertThat(v.getValue()).isEqualTo("\"done\"");
              })
          .anySatisfy(
              v -> {
                assertThat(v.getName()).isEqualTo("approved");
                assertThat(v.getValue()).isEqualTo("true");
              });
      assertThat(handled.get()).isEqualTo(1);
    }
  }

  @Test
  void awaitCompletionReturnsTheFetchedVariables() {
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("gateway")
            .latestVersion()
            .variables(Map.of("amount", 500, "other", 1))
            .withResult()
            .fetchVariables("amount")
            .send()
            .join();

    assertThat(result.getVariablesAsMap()).containsOnly(Map.entry("amount", 500));
  }

  @Test
  void awaitCompletionTimesOutWithAProblemWhenTheInstanceWaits() {
    ProblemException e =
        problem(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId("job")
                    .latestVersion()
                    .variables(Map.of("jobType", "nobody.works", "retries", 1))
                    .withResult()
                    .requestTimeout(Duration.ofMillis(500))
                    .send()
                    .join());

    assertThat(e.code()).isEqualTo(504);
    assertThat(e.details().getDetail()).contains("request timeout");
  }

  @Test
  void createByKeyAndCancel() {
    long definitionKey =
        client
            .newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionId("service-user"))
            .send()
            .join()
            .items()
            .get(0)
            .getProcessDefinitionKey();
    ProcessInstanceEvent created =
        client.newCreateInstanceCommand().processDefinitionKey(definitionKey).send().join();

    client.newCancelInstanceCommand(created.getProcessInstanceKey()).send().join();

    assertThat(stateOf(created.getProcessInstanceKey())).isEqualTo(ProcessInstanceState.TERMINATED);
    ProblemException again =
        problem(
            () -> client.newCancelInstanceCommand(created.getProcessInstanceKey()).send().join());
    assertThat(again.code()).isEqualTo(404);
  }

  @Test
  void failedJobWithoutRetriesRaisesAnIncidentThatResolvesAfterRetriesAreUpdated() {
    long key = startJob("fail.job");
    ActivatedJob job = activateOne("fail.job");

    client.newFailCommand(job).retries(0).errorMessage("printer on fire").send().join();
    Incident incident =
        client
            .newIncidentSearchRequest()
            .filter(f -> f.processInstanceKey(key).state(IncidentState.ACTIVE))
            .send()
            .join()
            .items()
            .get(0);
    assertThat(incident.getErrorMessage()).isEqualTo("printer on fire");
    assertThat(incident.getJobKey()).isEqualTo(job.getKey());

    client.newUpdateRetriesCommand(job.getKey()).retries(2).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    ActivatedJob retried = activateOne("fail.job");
    client.newUpdateTimeoutCommand(retried.getKey()).timeout(Duration.ofMinutes(5)).send().join();
    client.newCompleteCommand(retried).send().join();

    assertThat(retried.getRetries()).isEqualTo(2);
    assertThat(taskOf(key).getElementId()).isEqualTo("Task_Approve");
    ProblemException completedTwice =
        problem(() -> client.newCompleteCommand(retried.getKey()).send().join());
    assertThat(completedTwice.code()).isEqualTo(404);
    assertThat(completedTwice.details().getDetail()).contains(String.valueOf(retried.getKey()));
    assertThat(stateOf(key)).isEqualTo(ProcessInstanceState.ACTIVE);
    assertThat(taskOf(key).getState()).isEqualTo(UserTaskState.CREATED);
  }

  @Test
  void jobWithExpiredTimeoutCanBeActivatedAgain() {
    startJob("lapse.job");
    ActivatedJob first =
        client
            .newActivateJobsCommand()
            .jobType("lapse.job")
            .maxJobsToActivate(1)
            .timeout(Duration.ofMillis(200))
            .send()
            .join()
            .getJobs()
            .get(0);

    ActivatedJob second = activateOne("lapse.job");

    assertThat(second.getKey()).isEqualTo(first.getKey());
    client.newCompleteCommand(second).send().join();
  }

  @Test
  void thrownErrorWithoutCatchEventBecomesAnIncident() {
    long key = startJob("error.job");
    ActivatedJob job = activateOne("error.job");

    client.newThrowErrorCommand(job).errorCode("NOT_ALLOWED").errorMessage("no").send().join();

    Incident incident =
        client
            .newIncidentSearchRequest()
            .filter(f -> f.processInstanceKey(key))
            .send()
            .join()
            .items()
            .get(0);
    assertThat(incident.getErrorMessage()).contains("NOT_ALLOWED");
  }

  @Test
  void completingACompletedUserTaskIsAConflict() {
    long key = startJob("conflict.job");
    client.newCompleteCommand(activateOne("conflict.job")).send().join();
    UserTask task = taskOf(key);
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join();

    ProblemException e =
        problem(() -> client.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join());

    assertThat(e.code()).isEqualTo(409);
    assertThat(e.details().getDetail()).contains("COMPLETED");
    assertThat(stateOf(key)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void assigningAnAssignedTaskWithoutOverrideIsAConflict() {
    long key = startJob("assign.job");
    client.newCompleteCommand(activateOne("assign.job")).send().join();
    UserTask task = taskOf(key);
    client.newAssignUserTaskCommand(task.getUserTaskKey()).assignee("ann").send().join();

    ProblemException e =
        problem(
            () ->
                client
                    .newAssignUserTaskCommand(task.getUserTaskKey())
                    .assignee("bob")
                    .allowOverride(false)
                    .send()
                    .join());

    assertThat(e.code()).isEqualTo(409);
    assertThat(client.newUserTaskGetRequest(task.getUserTaskKey()).send().join().getAssignee())
        .isEqualTo("ann");
  }

  @Test
  void messageIdDeduplicatesAndCorrelateStartsAnInstance() {
    client
        .newPublishMessageCommand()
        .messageName("unheard")
        .correlationKey("k")
        .messageId("m-1")
        .timeToLive(Duration.ofMinutes(1))
        .send()
        .join();

    ProblemException duplicate =
        problem(
            () ->
                client
                    .newPublishMessageCommand()
                    .messageName("unheard")
                    .correlationKey("k")
                    .messageId("m-1")
                    .timeToLive(Duration.ofMinutes(1))
                    .send()
                    .join());
    var correlated =
        client
            .newCorrelateMessageCommand()
            .messageName("request")
            .correlationKey("c-1")
            .send()
            .join();

    assertThat(duplicate.code()).isEqualTo(409);
    assertThat(stateOf(correlated.getProcessInstanceKey())).isEqualTo(ProcessInstanceState.ACTIVE);
    ProblemException nothing =
        problem(
            () ->
                client
                    .newCorrelateMessageCommand()
                    .messageName("nobody-listens")
                    .correlationKey("x")
                    .send()
                    .join());
    assertThat(nothing.code()).isEqualTo(404);
  }

  @Test
  void setVariablesLocallyAndSearchThem() {
    long key = start("service-user", Map.of("a", 1));

    client.newSetVariablesCommand(key).variables(Map.of("a", 2, "b", "x")).send().join();

    var items =
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(key).name("a"))
            .send()
            .join()
            .items();
    assertThat(items).singleElement().satisfies(v -> assertThat(v.getValue()).isEqualTo("2"));
  }

  @Test
  void processDefinitionsCanBeSearchedAndReadAsXml() {
    var definitions =
        client
            .newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionId("all-elements").isLatestVersion(true))
            .send()
            .join()
            .items();
    long key = definitions.get(0).getProcessDefinitionKey();

    String xml = client.newProcessDefinitionGetXmlRequest(key).send().join();
    var startForm = client.newProcessDefinitionGetFormRequest(key).send().join();

    assertThat(definitions)
        .singleElement()
        .satisfies(d -> assertThat(d.getName()).isEqualTo("All elements"));
    assertThat(xml).contains("Task_Review");
    assertThat(startForm.getFormId()).isNull();
  }

  @Test
  void startFormOfAProcessIsItsLinkedDeployedForm() {
    long key =
        EngineTestSupport.deploy(client, "bpmn/start-form.bpmn")
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();

    var definition = client.newProcessDefinitionGetRequest(key).send().join();
    var form = client.newProcessDefinitionGetFormRequest(key).send().join();

    assertThat(definition.getHasStartForm()).isTrue();
    assertThat(form.getFormId()).isEqualTo("review-form");
    assertThat(form.getVersion()).isEqualTo(1L);
  }

  @Test
  void processInstanceSearchFiltersByState() {
    long key = start("service-user", Map.of());

    var active =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId("service-user").state(ProcessInstanceState.ACTIVE))
            .send()
            .join();

    assertThat(active.items()).extracting(p -> p.getProcessInstanceKey()).contains(key);
    assertThat(active.items())
        .allSatisfy(p -> assertThat(p.getState()).isEqualTo(ProcessInstanceState.ACTIVE));
  }

  @Test
  void unknownKeysAreNotFound() {
    assertThat(problem(() -> client.newUserTaskGetRequest(1L).send().join()).code()).isEqualTo(404);
    assertThat(problem(() -> client.newProcessInstanceGetRequest(1L).send().join()).code())
        .isEqualTo(404);
    assertThat(problem(() -> client.newResolveIncidentCommand(1L).send().join()).code())
        .isEqualTo(404);
  }

  @Test
  void jobActivationLongPollsUntilAJobAppears() throws Exception {
    var pending =
        client
            .newActivateJobsCommand()
            .jobType("request.handle")
            .maxJobsToActivate(5)
            .requestTimeout(Duration.ofSeconds(8))
            .send();
    Thread.sleep(300);

    client.newPublishMessageCommand().messageName("request").correlationKey("poll-1").send().join();

    assertThat(pending.join().getJobs()).hasSize(1);
  }
}
