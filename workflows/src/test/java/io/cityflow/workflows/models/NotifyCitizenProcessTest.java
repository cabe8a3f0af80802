package io.cityflow.workflows.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.cityflow.workflows.contract.ErrorCodes;
import io.cityflow.workflows.contract.JobTypes;
import io.cityflow.workflows.contract.ProcessIds;
import java.util.Map;
import org.junit.jupiter.api.Test;

@ProcessUnderTest(ProcessIds.NOTIFY_CITIZEN)
class NotifyCitizenProcessTest {
  private final ProcessHarness process;

  NotifyCitizenProcessTest(ProcessHarness process) {
    this.process = process;
  }

  @Test
  void sendsTheTemplatedNoticeAndRecordsThatTheCitizenWasNotified() {
    // given
    long instance =
        process.start(
            ProcessIds.NOTIFY_CITIZEN,
            Map.of("caseId", "case-1", "template", "TICKET_REPLY", "replyText", "Fixed."));

    // when
    ActivatedJob job = process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);

    // then
    assertThat(job.getVariablesAsMap())
        .containsEntry("caseId", "case-1")
        .containsEntry("template", "TICKET_REPLY")
        .containsEntry("replyText", "Fixed.");
    process.awaitCompleted(instance);
    assertThat(process.variables(instance)).containsEntry("citizenNotified", true);
    assertThat(process.takenFlows(instance)).contains("Flow_NotificationSent");
  }

  @Test
  void endsQuietlyWhenTheCitizenCannotBeReached() {
    // given
    long instance =
        process.start(
            ProcessIds.NOTIFY_CITIZEN, Map.of("caseId", "case-2", "template", "VISIT_PLANNED"));

    // when
    process.throwError(JobTypes.CASES_NOTIFY_CITIZEN, ErrorCodes.CITIZEN_UNREACHABLE);

    // then
    process.awaitCompleted(instance);
    assertThat(process.variables(instance)).doesNotContainKey("citizenNotified");
    assertThat(process.takenFlows(instance)).contains("Flow_CitizenUnreachable");
  }
}
