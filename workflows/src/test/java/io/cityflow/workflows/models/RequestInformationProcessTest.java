package io.cityflow.workflows.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.cityflow.workflows.contract.JobTypes;
import io.cityflow.workflows.contract.MessageNames;
import io.cityflow.workflows.contract.ProcessIds;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code request-information} run from a small caller ({@code test-request-information-caller}),
 * because its no-answer path throws an error that only a calling process can catch.
 */
@ProcessUnderTest(ProcessIds.REQUEST_INFORMATION)
class RequestInformationProcessTest {
  private static final String CALLER = "test-request-information-caller";

  private final ProcessHarness process;

  RequestInformationProcessTest(ProcessHarness process) {
    this.process = process;
  }

  @Test
  void pausesTheClockAsksTheCitizenAndResumesWithTheAnswer() {
    // given
    long caller =
        process.start(
            CALLER,
            Map.of("caseId", "case-ri-1", "question", "Which floor?", "responseWindow", "P14D"));
    ActivatedJob pause = process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    ActivatedJob ask = process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);

    // when
    long answered =
        process.correlate(
            MessageNames.CITIZEN_INFORMATION_PROVIDED,
            "case-ri-1",
            Map.of("informationText", "Third floor"));
    ActivatedJob resume =
        process.completeJob(
            JobTypes.CASES_UPDATE_STATUS, Map.of("slaDueAt", "2030-01-10T09:00:00Z"));

    // then
    assertThat(pause.getVariablesAsMap()).containsEntry("status", "WAITING_FOR_CITIZEN");
    assertThat(ask.getVariablesAsMap())
        .containsEntry("template", "INFORMATION_REQUESTED")
        .containsEntry("question", "Which floor?");
    assertThat(resume.getVariablesAsMap()).containsEntry("status", "IN_PROGRESS");
    assertThat(answered).isEqualTo(pause.getProcessInstanceKey());
    process.awaitCompleted(caller);
    assertThat(process.variables(caller))
        .containsEntry("informationText", "Third floor")
        .containsEntry("slaDueAt", "2030-01-10T09:00:00Z");
    assertThat(process.takenFlows(caller)).contains("Flow_Answered");
  }

  @Test
  void keepsTheCallersDeadlineWhenResumingDoesNotChangeIt() {
    // given
    long caller =
        process.start(
            CALLER,
            Map.of(
                "caseId", "case-ri-4",
                "question", "Which floor?",
                "responseWindow", "P14D",
                "slaDueAt", "2030-01-03T09:00:00Z"));
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);
    process.correlate(
        MessageNames.CITIZEN_INFORMATION_PROVIDED, "case-ri-4", Map.of("informationText", "2"));

    // when
    ActivatedJob resume = process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(resume.getVariablesAsMap()).containsEntry("slaDueAt", "2030-01-03T09:00:00Z");
    process.awaitCompleted(caller);
    assertThat(process.variables(caller)).containsEntry("slaDueAt", "2030-01-03T09:00:00Z");
  }

  @Test
  void throwsInformationNotProvidedToTheCallerWhenTheWindowElapses() {
    // given
    long caller =
        process.start(
            CALLER, Map.of("caseId", "case-ri-2", "question", "Photo?", "responseWindow", "P14D"));
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);

    // when
    process.advanceClock(Duration.ofDays(14).plusMinutes(1));

    // then
    process.awaitCompleted(caller);
    assertThat(process.takenFlows(caller)).contains("Flow_NotProvided");
    process.assertNoJob(JobTypes.CASES_UPDATE_STATUS);
  }

  @Test
  void waitsThirtyDaysWhenTheCallerSetsNoWindow() {
    // given
    long caller = process.start(CALLER, Map.of("caseId", "case-ri-3", "question", "Signature?"));
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);

    // when
    process.advanceClock(Duration.ofDays(29));

    // then
    assertThat(process.state(caller)).isEqualTo(ProcessInstanceState.ACTIVE);
    process.advanceClock(Duration.ofDays(1).plusMinutes(1));
    process.awaitCompleted(caller);
    assertThat(process.takenFlows(caller)).contains("Flow_NotProvided");
  }
}
