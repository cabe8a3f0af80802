package io.cityflow.workflows.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.UserTask;
import io.cityflow.workflows.contract.JobTypes;
import io.cityflow.workflows.contract.MessageNames;
import io.cityflow.workflows.contract.ProcessIds;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ProcessUnderTest(ProcessIds.SMARTPHONE_APPROVAL)
class SmartphoneApprovalProcessTest {
  private static final String REVIEW = "Task_ReviewApplication";
  private static final String SUPERVISE = "Task_SuperviseApproval";

  private final ProcessHarness process;
  private final String caseId = UUID.randomUUID().toString();

  SmartphoneApprovalProcessTest(ProcessHarness process) {
    this.process = process;
  }

  @Test
  void issuesTheCertificateWhenDocumentsAreCompleteAndEveryDepartmentApproves() {
    // given
    long application = apply("food-business-licence");
    ActivatedJob check = documentsComplete();
    ActivatedJob inReview = process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    List<UserTask> reviews = process.userTasks(REVIEW, 2);

    // when
    reviews.forEach(task -> decide(task, "APPROVE", "All in order"));
    ActivatedJob issue =
        process.completeJob(
            JobTypes.APPROVALS_ISSUE_CERTIFICATE,
            Map.of(
                "certificateNumber", "YC-CERT-0001",
                "certificateDocumentKey", "certificates/YC-CERT-0001.pdf"));
    ActivatedJob approved = process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    ActivatedJob notified = process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);

    // then
    assertThat(check.getVariablesAsMap().get("requirements"))
        .isEqualTo(
            Map.of(
                "requiredDepartments",
                List.of("MARKET_REGULATION", "HEALTH"),
                "requiredDocuments",
                List.of("id-card", "premises-lease", "floor-plan", "staff-health-certificates")));
    assertThat(inReview.getVariablesAsMap()).containsEntry("status", "IN_PROGRESS");
    assertThat(reviews)
        .extracting(task -> task.getCandidateGroups().get(0))
        .containsExactlyInAnyOrder("MARKET_REGULATION", "HEALTH");
    assertThat(reviews)
        .allSatisfy(task -> assertThat(process.formId(task)).isEqualTo("review-application"));
    assertThat(issue.getVariablesAsMap().get("reviews")).asList().hasSize(2);
    assertThat(approved.getVariablesAsMap())
        .containsEntry("status", "CLOSED")
        .containsEntry("outcome", "APPROVED")
        .containsEntry("outcomeReason", "YC-CERT-0001");
    assertThat(notified.getVariablesAsMap())
        .containsEntry("template", "APPLICATION_APPROVED")
        .containsEntry("certificateNumber", "YC-CERT-0001")
        .containsEntry("certificateDocumentKey", "certificates/YC-CERT-0001.pdf");
    process.awaitCompleted(application);
  }

  @Test
  void rejectsWithTheReasonOfEachRejectingDepartment() {
    // given
    long application = apply("food-business-licence");
    documentsComplete();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // when
    for (UserTask task : process.userTasks(REVIEW, 2)) {
      if (task.getCandidateGroups().contains("HEALTH")) {
        decide(task, "REJECT", "The kitchen has no hand basin");
      } else {
        decide(task, "APPROVE", "Fine");
      }
    }
    ActivatedJob rejected = process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    ActivatedJob notified = process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);

    // then
    assertThat(rejected.getVariablesAsMap())
        .containsEntry("status", "REJECTED")
        .containsEntry("outcomeReason", "HEALTH: The kitchen has no hand basin");
    assertThat(notified.getVariablesAsMap())
        .containsEntry("template", "APPLICATION_REJECTED")
        .containsEntry("rejectionReason", "HEALTH: The kitchen has no hand basin");
    process.assertNoJob(JobTypes.APPROVALS_ISSUE_CERTIFICATE);
    process.awaitCompleted(application);
    assertThat(process.variables(application))
        .containsEntry("rejectionReason", "HEALTH: The kitchen has no hand basin");
  }

  @Test
  void asksForTheMissingDocumentsAndChecksThemAgainWhenTheCitizenAnswers() {
    // given
    long application = apply("tree-felling");
    process.completeJob(
        JobTypes.APPROVALS_CHECK_DOCUMENTS,
        Map.of("documentsComplete", false, "missingDocuments", List.of("site-photo")));

    // when
    ActivatedJob paused = process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    ActivatedJob asked = process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);
    process.correlate(
        MessageNames.CITIZEN_INFORMATION_PROVIDED,
        caseId,
        Map.of("informationText", "Photo uploaded"));
    process.completeJob(JobTypes.CASES_UPDATE_STATUS, slaFromNow(10));
    ActivatedJob secondCheck = documentsComplete();

    // then
    assertThat(paused.getVariablesAsMap()).containsEntry("status", "WAITING_FOR_CITIZEN");
    assertThat(asked.getVariablesAsMap())
        .containsEntry("template", "INFORMATION_REQUESTED")
        .containsEntry("question", "Please upload: site-photo");
    assertThat(secondCheck.getVariablesAsMap()).containsEntry("informationText", "Photo uploaded");
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    assertThat(process.userTask(REVIEW).getCandidateGroups()).containsExactly("GARDENS");
    assertThat(process.state(application)).isEqualTo(ProcessInstanceState.ACTIVE);
  }

  @Test
  void expiresTheApplicationAfterThirtyDaysWithoutTheDocuments() {
    // given
    long application = apply("tree-felling");
    process.completeJob(
        JobTypes.APPROVALS_CHECK_DOCUMENTS,
        Map.of("documentsComplete", false, "missingDocuments", List.of("site-photo")));
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);

    // when
    process.advanceClock(Duration.ofDays(29));
    assertThat(process.state(application)).isEqualTo(ProcessInstanceState.ACTIVE);
    process.advanceClock(Duration.ofDays(1).plusMinutes(1));
    ActivatedJob expired = process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    ActivatedJob notified = process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);

    // then
    assertThat(expired.getVariablesAsMap())
        .containsEntry("status", "CANCELLED")
        .containsEntry("outcome", "EXPIRED");
    assertThat(notified.getVariablesAsMap()).containsEntry("template", "APPLICATION_EXPIRED");
    process.awaitCompleted(application);
  }

  @Test
  void aReviewerAsksForMoreDocumentsAndTheApplicationIsReviewedAgain() {
    // given
    long application = apply("road-excavation");
    documentsComplete();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // when
    for (UserTask task : process.userTasks(REVIEW, 2)) {
      if (task.getCandidateGroups().contains("TRAFFIC_POLICE")) {
        decide(task, "MORE_DOCUMENTS", "Add the detour signs to the plan");
      } else {
        decide(task, "APPROVE", "Fine");
      }
    }
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    ActivatedJob asked = process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);
    process.correlate(
        MessageNames.CITIZEN_INFORMATION_PROVIDED, caseId, Map.of("informationText", "Added"));
    process.completeJob(JobTypes.CASES_UPDATE_STATUS, slaFromNow(10));
    documentsComplete();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(asked.getVariablesAsMap())
        .containsEntry("question", "Add the detour signs to the plan");
    List<UserTask> again = process.userTasks(REVIEW, 2);
    assertThat(again)
        .extracting(task -> task.getDueDate().toInstant())
        .containsOnly(process.now().plus(Duration.ofDays(10)));
    assertThat(process.state(application)).isEqualTo(ProcessInstanceState.ACTIVE);
  }

  @Test
  void warnsTheReviewersAtTheWarningTimeWhileTheyGoOnReviewing() {
    // given
    apply("tree-felling");
    documentsComplete();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    UserTask review = process.userTask(REVIEW);

    // when
    process.advanceClock(Duration.ofDays(15).plusMinutes(1));
    ActivatedJob warning = process.completeJob(JobTypes.CASES_SEND_SLA_WARNING);

    // then
    assertThat(warning.getVariablesAsMap()).containsEntry("caseId", caseId);
    assertThat(process.userTask(REVIEW).getUserTaskKey()).isEqualTo(review.getUserTaskKey());
    assertThat(process.openTasks(SUPERVISE)).isEmpty();
  }

  @Test
  void escalatesTheStatutoryDeadlineToASupervisorWhoExtendsIt() {
    // given
    apply("tree-felling");
    documentsComplete();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    UserTask review = process.userTask(REVIEW);

    // when
    process.advanceClock(Duration.ofDays(20).plusMinutes(1));
    process.completeJob(JobTypes.CASES_SEND_SLA_WARNING);
    UserTask supervise = process.userTask(SUPERVISE);
    process.completeUserTask(
        supervise,
        Map.of(
            "escalationDecision", "EXTEND",
            "extensionWorkingDays", 5,
            "supervisorNote", "Site visit pending"));
    ActivatedJob extend = process.completeJob(JobTypes.CASES_EXTEND_SLA, slaFromNow(7));

    // then
    assertThat(supervise.getCandidateGroups()).containsExactly("ADMIN_APPROVAL_SUPERVISORS");
    assertThat(process.formId(supervise)).isEqualTo("supervisor-escalation");
    assertThat(extend.getVariablesAsMap()).containsEntry("extensionWorkingDays", 5);
    assertThat(process.userTask(REVIEW).getUserTaskKey()).isEqualTo(review.getUserTaskKey());
  }

  @Test
  void aSupervisorCanFollowUpWithoutExtendingTheDeadline() {
    // given
    apply("tree-felling");
    documentsComplete();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    process.advanceClock(Duration.ofDays(20).plusMinutes(1));
    process.completeJob(JobTypes.CASES_SEND_SLA_WARNING);

    // when
    process.completeUserTask(
        SUPERVISE,
        Map.of("escalationDecision", "DECIDE", "supervisorNote", "Called the department"));

    // then
    process.assertNoJob(JobTypes.CASES_EXTEND_SLA);
    assertThat(process.openTasks(SUPERVISE)).isEmpty();
    assertThat(process.userTask(REVIEW).getCandidateGroups()).containsExactly("GARDENS");
  }

  static Stream<Arguments> requirementRules() {
    return ApprovalRequirementsDecisionTest.rules();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requirementRules")
  void eachRequirementRuleSendsTheApplicationToItsDepartments(
      String rule, String permitType, List<String> departments, List<String> documents) {
    // given
    apply(permitType);

    // when
    ActivatedJob check = documentsComplete();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(check.getVariablesAsMap().get("requirements"))
        .isEqualTo(Map.of("requiredDepartments", departments, "requiredDocuments", documents));
    assertThat(process.userTasks(REVIEW, departments.size()))
        .extracting(task -> task.getCandidateGroups().get(0))
        .containsExactlyInAnyOrderElementsOf(departments);
  }

  private long apply(String permitType) {
    Map<String, Object> application = new HashMap<>();
    application.put("caseId", caseId);
    application.put("reference", "YC-2026-000456");
    application.put("caseType", "APPROVAL_APPLICATION");
    application.put("category", permitType);
    application.put("department", "ADMIN_APPROVAL");
    application.put("slaWarnAt", process.now().plus(Duration.ofDays(15)).toString());
    application.put("slaDueAt", process.now().plus(Duration.ofDays(20)).toString());
    return process.startByMessage(MessageNames.APPROVAL_APPLICATION_SUBMITTED, caseId, application);
  }

  private ActivatedJob documentsComplete() {
    return process.completeJob(
        JobTypes.APPROVALS_CHECK_DOCUMENTS,
        Map.of("documentsComplete", true, "missingDocuments", List.of()));
  }

  private void decide(UserTask task, String decision, String reason) {
    process.completeUserTask(task, Map.of("reviewDecision", decision, "reviewReason", reason));
  }

  private Map<String, Object> slaFromNow(int days) {
    Instant due = process.now().plus(Duration.ofDays(days));
    return Map.of(
        "slaDueAt", due.toString(), "slaWarnAt", due.minus(Duration.ofDays(1)).toString());
  }
}
