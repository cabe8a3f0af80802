package io.cityflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Service tasks and the job lifecycle: activate, complete, fail, time out, throw error, update. */
public abstract class JobScenarios extends ScenarioSupport {

  @Test
  // docs/components/modeler/bpmn/service-tasks/service-tasks/
  void aServiceTaskCreatesAJobOfItsTypeWithHeadersAndThreeRetriesByDefault() {
    String id = uniqueId("job-headers");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "Task_Notify",
                t ->
                    t.zeebeJobType(id)
                        .zeebeTaskHeader("channel", "sms")
                        .zeebeTaskHeader("lang", "en"))
            .endEvent()
            .done());
    long key = startInstance(id);

    ActivatedJob job = activateOne(id);

    assertThat(job.getType()).isEqualTo(id);
    assertThat(job.getProcessInstanceKey()).isEqualTo(key);
    assertThat(job.getBpmnProcessId()).isEqualTo(id);
    assertThat(job.getElementId()).isEqualTo("Task_Notify");
    assertThat(job.getCustomHeaders())
        .containsOnly(Map.entry("channel", "sms"), Map.entry("lang", "en"));
    assertThat(job.getRetries()).isEqualTo(3);
  }

  @Test
  // docs/components/modeler/bpmn/service-tasks/service-tasks/
  void retriesAndAJobTypeExpressionAreTakenFromTheModel() {
    String id = uniqueId("job-expr");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "Task_Route",
                t -> t.zeebeJobTypeExpression("area + \".route\"").zeebeJobRetries("5"))
            .endEvent()
            .done());
    startInstance(id, Map.of("area", id));

    ActivatedJob job = activateOne(id + ".route");

    assertThat(job.getRetries()).isEqualTo(5);
  }

  @Test
  // docs/components/concepts/job-workers/ (completing a job)
  void completingAJobMergesItsVariablesAndContinuesTheInstance() {
    String id = uniqueId("job-complete");
    deploy(serviceTaskProcess(id, id));
    long key = startInstance(id, Map.of("caseId", "C-1"));

    client().newCompleteCommand(activateOne(id)).variables(Map.of("notified", true)).send().join();

    awaitCompleted(key);
    awaitRootVariables(
        key,
        vars -> assertThat(vars).containsEntry("caseId", "C-1").containsEntry("notified", true));
  }

  @Test
  // docs/components/concepts/job-workers/ (requesting jobs)
  void activationReturnsAtMostMaxJobsToActivate() {
    String id = uniqueId("job-max");
    deploy(serviceTaskProcess(id, id));
    for (int i = 0; i < 3; i++) {
      startInstance(id);
    }

    List<ActivatedJob> first =
        await().atMost(EVENTUALLY).until(() -> activate(id, 2, JOB_POLL), jobs -> !jobs.isEmpty());
    List<ActivatedJob> rest =
        await().atMost(EVENTUALLY).until(() -> activate(id, 10, JOB_POLL), jobs -> !jobs.isEmpty());

    assertThat(first).hasSize(2);
    assertThat(rest).hasSize(1);
  }

  @Test
  // docs/components/concepts/job-workers/ (variables: fetch only what the worker needs)
  void fetchVariableLimitsTheVariablesOfActivatedJobs() {
    String id = uniqueId("job-fetch");
    deploy(serviceTaskProcess(id, id));
    startInstance(id, Map.of("wanted", 1, "unwanted", 2, "alsoWanted", "x"));

    List<ActivatedJob> jobs =
        await()
            .atMost(EVENTUALLY)
            .until(
                () ->
                    client()
                        .newActivateJobsCommand()
                        .jobType(id)
                        .maxJobsToActivate(1)
                        .fetchVariables("wanted", "alsoWanted")
                        .requestTimeout(JOB_POLL)
                        .send()
                        .join()
                        .getJobs(),
                j -> !j.isEmpty());

    assertThat(jobs.get(0).getVariablesAsMap()).containsOnlyKeys("wanted", "alsoWanted");
  }

  @Test
  // docs/components/concepts/job-workers/ (long polling)
  void aLongPollingActivationReturnsTheJobCreatedWhileItWaits() {
    String id = uniqueId("job-longpoll");
    deploy(serviceTaskProcess(id, id));
    CompletableFuture<List<ActivatedJob>> waiting =
        client()
            .newActivateJobsCommand()
            .jobType(id)
            .maxJobsToActivate(1)
            .requestTimeout(Duration.ofSeconds(8))
            .send()
            .toCompletableFuture()
            .thenApply(r -> r.getJobs());

    long key = startInstance(id);

    assertThat(waiting.join())
        .singleElement()
        .satisfies(j -> assertThat(j.getProcessInstanceKey()).isEqualTo(key));
  }

  @Test
  // docs/components/concepts/job-workers/ (long polling)
  void anActivationWithNoJobsAnswersEmptyAfterItsRequestTimeout() {
    long started = System.nanoTime();

    List<ActivatedJob> jobs = activate(uniqueId("no-such-type"), 1, Duration.ofMillis(500));

    assertThat(jobs).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  // docs/components/concepts/job-workers/ (timeouts)
  void anActivatedJobIsNotHandedOutAgainBeforeItsTimeout() {
    String id = uniqueId("job-locked");
    deploy(serviceTaskProcess(id, id));
    startInstance(id);
    activateOne(id);

    assertNoJob(id);
  }

  @Test
  // docs/components/concepts/job-workers/ (timeouts)
  void aJobWhoseTimeoutLapsesCanBeActivatedAgainWithItsRetriesUntouched() {
    String id = uniqueId("job-timeout");
    deploy(serviceTaskProcess(id, id));
    startInstance(id);
    pinClock();
    ActivatedJob first = activateOne(id, Duration.ofMinutes(10));

    advanceClock(Duration.ofMinutes(11));

    ActivatedJob again = activateOne(id);
    assertThat(again.getKey()).isEqualTo(first.getKey());
    assertThat(again.getRetries()).isEqualTo(first.getRetries());
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/update-job/
  void updatingTheTimeoutKeepsTheJobLockedPastItsFirstDeadline() {
    String id = uniqueId("job-update-timeout");
    deploy(serviceTaskProcess(id, id));
    startInstance(id);
    pinClock();
    ActivatedJob job = activateOne(id, Duration.ofMinutes(2));

    client().newUpdateTimeoutCommand(job.getKey()).timeout(Duration.ofMinutes(30)).send().join();
    advanceClock(Duration.ofMinutes(5));

    assertNoJob(id);
  }

  @Test
  // docs/components/concepts/job-workers/ (failing a job)
  void failingWithRetriesLeftMakesTheJobActivatableWithTheNewRetries() {
    String id = uniqueId("job-fail");
    deploy(serviceTaskProcess(id, id));
    startInstance(id);
    ActivatedJob job = activateOne(id);

    client().newFailCommand(job).retries(2).errorMessage("registry offline").send().join();

    ActivatedJob retried = activateOne(id);
    assertThat(retried.getKey()).isEqualTo(job.getKey());
    assertThat(retried.getRetries()).isEqualTo(2);
  }

  @Test
  // docs/components/concepts/job-workers/ (retry back off)
  void aFailedJobWithBackoffIsActivatableOnlyAfterTheBackoff() {
    String id = uniqueId("job-backoff");
    deploy(serviceTaskProcess(id, id));
    startInstance(id);
    ActivatedJob job = activateOne(id);
    pinClock();

    client()
        .newFailCommand(job)
        .retries(1)
        .retryBackoff(Duration.ofMinutes(10))
        .errorMessage("try later")
        .send()
        .join();

    assertNoJob(id);
    advanceClock(Duration.ofMinutes(11));
    assertThat(activateOne(id).getKey()).isEqualTo(job.getKey());
  }

  @Test
  // docs/components/concepts/incidents/ (job without retries)
  void failingWithNoRetriesLeftRaisesAJobIncident() {
    String id = uniqueId("job-no-retries");
    deploy(serviceTaskProcess(id, id));
    long key = startInstance(id);
    ActivatedJob job = activateOne(id);

    client().newFailCommand(job).retries(0).errorMessage("printer on fire").send().join();

    Incident incident = awaitIncident(key);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.JOB_NO_RETRIES);
    assertThat(incident.getErrorMessage()).contains("printer on fire");
    assertThat(incident.getJobKey()).isEqualTo(job.getKey());
    assertThat(incident.getElementId()).isEqualTo("Task_Work");
    assertNoJob(id);
  }

  @Test
  // docs/components/concepts/incidents/ (resolving a job incident)
  void updatingRetriesAndResolvingTheIncidentMakesTheJobWorkableAgain() {
    String id = uniqueId("job-resolve");
    deploy(serviceTaskProcess(id, id));
    long key = startInstance(id);
    ActivatedJob job = activateOne(id);
    client().newFailCommand(job).retries(0).errorMessage("down").send().join();
    Incident incident = awaitIncident(key);

    client().newUpdateRetriesCommand(job.getKey()).retries(1).send().join();
    client().newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    ActivatedJob retried = activateOne(id);
    assertThat(retried.getRetries()).isEqualTo(1);
    client().newCompleteCommand(retried).send().join();
    awaitCompleted(key);
    awaitNoActiveIncident(key);
  }

  @Test
  // docs/components/concepts/job-workers/ (failing a job: variables are local to the task)
  void variablesOfAFailedJobAreSetOnTheTaskScope() {
    String id = uniqueId("job-fail-vars");
    deploy(serviceTaskProcess(id, id));
    long key = startInstance(id);
    ActivatedJob job = activateOne(id);

    client().newFailCommand(job).retries(1).variables(Map.of("attempt", 1)).send().join();

    await()
        .atMost(EVENTUALLY)
        .untilAsserted(
            () ->
                assertThat(variablesInScope(key, job.getElementInstanceKey()))
                    .containsEntry("attempt", 1));
    assertThat(rootVariables(key)).doesNotContainKey("attempt");
  }

  @Test
  // docs/components/modeler/bpmn/error-events/error-events/ (unhandled errors)
  void throwingAnErrorThatNothingCatchesRaisesAnIncident() {
    String id = uniqueId("job-error");
    deploy(serviceTaskProcess(id, id));
    long key = startInstance(id);
    ActivatedJob job = activateOne(id);

    client()
        .newThrowErrorCommand(job)
        .errorCode("NOT_ELIGIBLE")
        .errorMessage("too young")
        .send()
        .join();

    Incident incident = awaitIncident(key);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.UNHANDLED_ERROR_EVENT);
    assertThat(incident.getElementId()).isEqualTo("Task_Work");
    awaitInstanceState(key, ProcessInstanceState.ACTIVE);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/complete-job/
  void completingAnUnknownJobIsNotFound() {
    ProblemException problem =
        problemOf(() -> client().newCompleteCommand(2251799813999997L).send().join());

    assertThat(problem.code()).isEqualTo(404);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/complete-job/
  void completingAJobTwiceIsRejected() {
    String id = uniqueId("job-twice");
    deploy(serviceTaskProcess(id, id));
    startInstance(id);
    ActivatedJob job = activateOne(id);
    client().newCompleteCommand(job).send().join();

    ProblemException problem = problemOf(() -> client().newCompleteCommand(job).send().join());

    assertThat(problem.code()).isEqualTo(404);
  }

  @Test
  // docs/components/concepts/job-workers/ (job worker)
  void aJobWorkerCompletesTheJobsOfItsType() {
    String id = uniqueId("job-worker");
    deploy(serviceTaskProcess(id, id));
    long key = startInstance(id, Map.of("n", 20));

    try (JobWorker worker =
        client()
            .newWorker()
            .jobType(id)
            .handler(
                (jobClient, job) ->
                    jobClient
                        .newCompleteCommand(job)
                        .variables(
                            Map.of(
                                "half", ((Number) job.getVariablesAsMap().get("n")).intValue() / 2))
                        .send()
                        .join())
            .pollInterval(Duration.ofMillis(100))
            .open()) {
      awaitCompleted(key);
    }

    awaitRootVariables(key, vars -> assertThat(vars).containsEntry("half", 10));
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/complete-job/
  void aJobOfACancelledInstanceCanNoLongerBeCompleted() {
    String id = uniqueId("job-cancelled");
    deploy(serviceTaskProcess(id, id));
    long key = startInstance(id);
    ActivatedJob job = activateOne(id);
    client().newCancelInstanceCommand(key).send().join();

    ProblemException problem = problemOf(() -> client().newCompleteCommand(job).send().join());

    assertThat(problem.code()).isEqualTo(404);
    awaitInstanceState(key, ProcessInstanceState.TERMINATED);
  }
}
