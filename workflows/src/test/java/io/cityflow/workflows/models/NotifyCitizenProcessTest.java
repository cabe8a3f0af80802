package io.cityflow.workflows.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.response.ActivatedJob;
import io.cityflow.workflows.contract.ErrorCodes;
import io.cityflow.workflows.contract.JobTypes;
import io.cityflow.workflows.contract.MessageNames;
import io.cityflow.workflows.contract.ProcessIds;
import java.time.Duration;
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

  @Test
  void sendsANoticeTheCaseSideRequestsOnceHoweverOftenItIsPublished() {
    // given the outbox dispatcher publishes a revoked certificate's notice
    String noticeId = "YC-2026-000042-C:revoked";
    Map<String, Object> notice =
        Map.of(
            "caseId", "case-3",
            "template", "CERTIFICATE_REVOKED",
            "certificateNumber", "YC-2026-000042-C",
            "permitType", "tree-felling",
            "revokedOn", "2026-12-07",
            "revocationReason", "Issued in error");
    publishNotice(noticeId, notice);

    // when it publishes it again (a retry after a crash) and the worker sends the notice
    ClientHttpException again =
        catchThrowableOfType(ClientHttpException.class, () -> publishNotice(noticeId, notice));
    ActivatedJob job = process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);

    // then the repeat is refused as already published, and one notice went out
    assertThat(again).isNotNull();
    assertThat(again.code()).isEqualTo(409);
    assertThat(job.getVariablesAsMap()).containsAllEntriesOf(notice);
    long instance = job.getProcessInstanceKey();
    process.awaitCompleted(instance);
    assertThat(process.variables(instance)).containsEntry("citizenNotified", true);
    assertThat(process.takenFlows(instance))
        .containsExactlyInAnyOrder("Flow_NoticeRequested", "Flow_NotificationSent");
    process.assertNoJob(JobTypes.CASES_NOTIFY_CITIZEN);
  }

  /** As the outbox dispatcher publishes: correlation key and message id are the notice's id. */
  private void publishNotice(String noticeId, Map<String, Object> variables) {
    process.publish(
        MessageNames.CITIZEN_NOTICE_REQUESTED, noticeId, noticeId, Duration.ofHours(24), variables);
  }
}
