package io.cityflow.workflows.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.UserTask;
import io.cityflow.workflows.contract.JobTypes;
import io.cityflow.workflows.contract.MessageNames;
import io.cityflow.workflows.contract.ProcessIds;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ProcessUnderTest(ProcessIds.COMMUNITY_SERVICE_REQUEST)
class CommunityServiceRequestProcessTest {
  private static final String ASSIGN = "Task_AssignServiceWorker";
  private static final String VISIT = "Task_RecordServiceVisit";

  private final ProcessHarness process;
  private final String caseId = UUID.randomUUID().toString();

  CommunityServiceRequestProcessTest(ProcessHarness process) {
    this.process = process;
  }

  @Test
  void routesAssignsVisitsAndClosesWhenTheResidentConfirmsAndRates() {
    // given
    long request = submit("XQ_LIQUN");
    ActivatedJob routed = process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    UserTask assign = process.userTask(ASSIGN);

    // when
    process.completeUserTask(assign, assignment("worker.li"));
    ActivatedJob announced = process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);
    UserTask visit = process.userTask(VISIT);
    process.completeUserTask(visit, visited("DONE", "Tap washer replaced"));
    ActivatedJob resolved = process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    ActivatedJob confirmation = process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);
    long rated =
        process.correlate(MessageNames.CASE_RATED, caseId, Map.of("rating", 5, "satisfied", true));
    ActivatedJob closed = process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(routed.getVariablesAsMap()).containsEntry("status", "ROUTED");
    assertThat(assign.getCandidateGroups()).containsExactly("XQ_LIQUN_STATION");
    assertThat(process.formId(assign)).isEqualTo("assign-service-worker");
    assertThat(announced.getVariablesAsMap())
        .containsEntry("template", "VISIT_PLANNED")
        .containsEntry("visitPlannedFor", "2030-01-02T10:00:00Z");
    assertThat(visit.getAssignee()).isEqualTo("worker.li");
    assertThat(visit.getCandidateGroups()).containsExactly("XQ_LIQUN_STATION");
    assertThat(process.formId(visit)).isEqualTo("record-service-visit");
    assertThat(resolved.getVariablesAsMap())
        .containsEntry("status", "RESOLVED")
        .containsEntry("outcomeReason", "Tap washer replaced");
    assertThat(confirmation.getVariablesAsMap()).containsEntry("template", "CONFIRM_SERVICE");
    assertThat(rated).isEqualTo(request);
    assertThat(closed.getVariablesAsMap())
        .containsEntry("status", "CLOSED")
        .containsEntry("outcome", "CONFIRMED_BY_RESIDENT");
    process.awaitCompleted(request);
    assertThat(process.variables(request)).containsEntry("rating", 5);
  }

  @Test
  void closesAsConfirmedWhenTheResidentDoesNotAnswerWithinThreeDays() {
    // given
    long request = submit("XQ_LIQUN");
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    process.completeUserTask(ASSIGN, assignment("worker.li"));
    process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);
    process.completeUserTask(VISIT, visited("DONE", "Cleaned the stairwell"));
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);

    // when
    process.advanceClock(Duration.ofDays(3).plusMinutes(1));
    ActivatedJob closed = process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(closed.getVariablesAsMap()).containsEntry("outcome", "CONFIRMED_BY_TIMEOUT");
    process.awaitCompleted(request);
  }

  @Test
  void plansAnotherVisitWhenTheWorkIsNotDone() {
    // given
    long request = submit("JF_MANCHUN");
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    process.completeUserTask(ASSIGN, assignment("worker.wang"));
    process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);

    // when
    process.completeUserTask(VISIT, visited("NOT_HOME", "Nobody opened the door"));

    // then
    UserTask again = process.userTask(ASSIGN);
    assertThat(again.getCandidateGroups()).containsExactly("JF_MANCHUN_STATION");
    process.assertNoJob(JobTypes.CASES_UPDATE_STATUS);
    assertThat(process.state(request)).isEqualTo(ProcessInstanceState.ACTIVE);
  }

  @Test
  void warnsTheStationWhenTheVisitIsNotRecordedByTheWarningTime() {
    // given
    submit("XQ_LIQUN");
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    process.completeUserTask(ASSIGN, assignment("worker.li"));
    process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);
    UserTask visit = process.userTask(VISIT);

    // when
    process.advanceClock(Duration.ofDays(1).plusMinutes(1));
    ActivatedJob warning = process.completeJob(JobTypes.CASES_SEND_SLA_WARNING);

    // then
    assertThat(warning.getVariablesAsMap()).containsEntry("serviceStation", "XQ_LIQUN_STATION");
    assertThat(process.userTask(VISIT).getUserTaskKey()).isEqualTo(visit.getUserTaskKey());
  }

  static Stream<Arguments> routingRules() {
    return CommunityRoutingDecisionTest.rules();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routingRules")
  void eachRoutingRuleSendsTheRequestToItsServiceStation(
      String rule, String community, String station) {
    // given
    submit(community);

    // when
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(process.userTask(ASSIGN).getCandidateGroups()).containsExactly(station);
  }

  private long submit(String community) {
    Map<String, Object> request = new HashMap<>();
    request.put("caseId", caseId);
    request.put("reference", "YC-2026-000789");
    request.put("caseType", "COMMUNITY_SERVICE_REQUEST");
    request.put("community", community);
    request.put("category", "home-repair");
    request.put("subject", "Dripping tap");
    request.put("slaWarnAt", process.now().plus(Duration.ofDays(1)).toString());
    request.put("slaDueAt", process.now().plus(Duration.ofDays(2)).toString());
    return process.startByMessage(MessageNames.COMMUNITY_REQUEST_SUBMITTED, caseId, request);
  }

  private static Map<String, Object> assignment(String worker) {
    return Map.of("assignedWorker", worker, "visitPlannedFor", "2030-01-02T10:00:00Z");
  }

  private static Map<String, Object> visited(String outcome, String summary) {
    return Map.of("visitOutcome", outcome, "workSummary", summary, "minutesSpent", 30);
  }
}
