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

@ProcessUnderTest(ProcessIds.HOTLINE_TICKET)
class HotlineTicketProcessTest {
  private static final String HANDLE = "Task_HandleTicket";
  private static final String SUPERVISE = "Task_SuperviseTicket";

  private final ProcessHarness process;
  private final String caseId = UUID.randomUUID().toString();

  HotlineTicketProcessTest(ProcessHarness process) {
    this.process = process;
  }

  @Test
  void routesHandlesRepliesAndClosesWhenTheCitizenIsSatisfied() {
    // given
    long ticket = submitHeatingTicket();
    ActivatedJob routed = process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    UserTask handle = process.userTask(HANDLE);

    // when
    process.completeUserTask(handle, resolved("The boiler was repaired."));
    ActivatedJob resolved = process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    ActivatedJob reply = process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);
    long rated = rate(5, true);
    ActivatedJob closed = process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(routed.getVariablesAsMap()).containsEntry("status", "ROUTED");
    assertThat(handle.getCandidateGroups()).containsExactly("HEATING");
    assertThat(process.formId(handle)).isEqualTo("handle-ticket");
    assertThat(handle.getDueDate().toInstant()).isEqualTo(slaDueAt());
    assertThat(resolved.getVariablesAsMap())
        .containsEntry("status", "RESOLVED")
        .containsEntry("outcomeReason", "The boiler was repaired.");
    assertThat(reply.getVariablesAsMap())
        .containsEntry("caseId", caseId)
        .containsEntry("template", "TICKET_REPLY")
        .containsEntry("replyText", "The boiler was repaired.");
    assertThat(rated).isEqualTo(ticket);
    assertThat(closed.getVariablesAsMap())
        .containsEntry("status", "CLOSED")
        .containsEntry("outcome", "CITIZEN_SATISFIED");
    process.awaitCompleted(ticket);
    assertThat(process.variables(ticket)).containsEntry("department", "HEATING");
  }

  @Test
  void closesTheTicketAfterSevenDaysWithoutFeedback() {
    // given
    long ticket = submitHeatingTicket();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    replyToCitizen();

    // when
    process.advanceClock(Duration.ofDays(6));
    assertThat(process.state(ticket)).isEqualTo(ProcessInstanceState.ACTIVE);
    process.advanceClock(Duration.ofDays(1).plusMinutes(1));
    ActivatedJob closed = process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(closed.getVariablesAsMap())
        .containsEntry("status", "CLOSED")
        .containsEntry("outcome", "NO_FEEDBACK");
    process.awaitCompleted(ticket);
  }

  @Test
  void warnsTheDepartmentAtTheWarningTimeAndKeepsTheTicketWithIt() {
    // given
    long ticket = submitHeatingTicket();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    UserTask handle = process.userTask(HANDLE);

    // when
    process.advanceClock(Duration.ofDays(3).plusMinutes(1));
    ActivatedJob warning = process.completeJob(JobTypes.CASES_SEND_SLA_WARNING);

    // then
    assertThat(warning.getVariablesAsMap()).containsEntry("department", "HEATING");
    assertThat(process.userTask(HANDLE).getUserTaskKey()).isEqualTo(handle.getUserTaskKey());
    assertThat(process.openTasks(SUPERVISE)).isEmpty();
    assertThat(process.state(ticket)).isEqualTo(ProcessInstanceState.ACTIVE);
  }

  @Test
  void escalatesToTheSupervisorAtTheDeadlineWhoRepliesInstead() {
    // given
    long ticket = submitHeatingTicket();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    process.userTask(HANDLE);

    // when
    process.advanceClock(Duration.ofDays(4).plusMinutes(1));
    process.completeJob(JobTypes.CASES_SEND_SLA_WARNING);
    UserTask supervise = process.userTask(SUPERVISE);
    process.completeUserTask(
        supervise,
        Map.of(
            "escalationDecision", "DECIDE",
            "replyText", "We apologise; the heating is back.",
            "supervisorNote", "Took over"));
    ActivatedJob resolved = process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    ActivatedJob reply = process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);

    // then
    assertThat(supervise.getCandidateGroups()).containsExactly("HEATING_SUPERVISORS");
    assertThat(process.formId(supervise)).isEqualTo("supervisor-escalation");
    assertThat(process.openTasks(HANDLE)).isEmpty();
    assertThat(resolved.getVariablesAsMap()).containsEntry("status", "RESOLVED");
    assertThat(reply.getVariablesAsMap())
        .containsEntry("replyText", "We apologise; the heating is back.");
    assertThat(process.state(ticket)).isEqualTo(ProcessInstanceState.ACTIVE);
  }

  @Test
  void supervisorExtendsTheDeadlineAndTheSameDepartmentHandlesTheTicketAgain() {
    // given
    submitHeatingTicket();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    process.advanceClock(Duration.ofDays(4).plusMinutes(1));
    process.completeJob(JobTypes.CASES_SEND_SLA_WARNING);
    Instant extendedDue = process.now().plus(Duration.ofDays(3));

    // when
    process.completeUserTask(
        SUPERVISE,
        Map.of(
            "escalationDecision", "EXTEND",
            "extensionWorkingDays", 3,
            "supervisorNote", "Parts are on order"));
    ActivatedJob extend =
        process.completeJob(
            JobTypes.CASES_EXTEND_SLA,
            Map.of(
                "slaDueAt", extendedDue.toString(),
                "slaWarnAt", extendedDue.minus(Duration.ofDays(1)).toString()));

    // then
    assertThat(extend.getVariablesAsMap()).containsEntry("extensionWorkingDays", 3);
    UserTask handle = process.userTask(HANDLE);
    assertThat(handle.getCandidateGroups()).containsExactly("HEATING");
    assertThat(handle.getDueDate().toInstant()).isEqualTo(extendedDue);
  }

  @Test
  void supervisorTransfersTheTicketAndItIsRoutedToTheChosenDepartment() {
    // given
    long ticket = submitHeatingTicket();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    process.advanceClock(Duration.ofDays(4).plusMinutes(1));
    process.completeJob(JobTypes.CASES_SEND_SLA_WARNING);

    // when
    process.completeUserTask(
        SUPERVISE,
        Map.of(
            "escalationDecision", "TRANSFER",
            "transferTo", "GAS",
            "extensionWorkingDays", 2,
            "supervisorNote", "A gas matter"));
    process.completeJob(JobTypes.CASES_EXTEND_SLA, slaFromNow());
    ActivatedJob routed = process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(routed.getVariablesAsMap()).containsEntry("status", "ROUTED");
    assertThat(process.userTask(HANDLE).getCandidateGroups()).containsExactly("GAS");
    assertThat(process.variables(ticket)).containsEntry("department", "GAS");
  }

  @Test
  void aTransferFromTheTaskListRoutesTheTicketAgain() {
    // given
    long ticket = submitHeatingTicket();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    UserTask first = process.userTask(HANDLE);

    // when
    long transferred =
        process.correlate(
            MessageNames.CASE_TRANSFERRED,
            caseId,
            Map.of("department", "HOUSING", "transferReason", "Landlord's duty"));
    ActivatedJob routed = process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(transferred).isEqualTo(ticket);
    assertThat(routed.getVariablesAsMap()).containsEntry("status", "ROUTED");
    UserTask second = process.userTask(HANDLE);
    assertThat(second.getUserTaskKey()).isNotEqualTo(first.getUserTaskKey());
    assertThat(second.getCandidateGroups()).containsExactly("HOUSING");
    assertThat(process.variables(ticket))
        .containsEntry("transferTo", "HOUSING")
        .containsEntry("transferReason", "Landlord's duty")
        .containsEntry("department", "HOUSING");
  }

  @Test
  void asksTheCitizenForInformationAndResumesHandlingWithTheAnswer() {
    // given
    long ticket = submitHeatingTicket();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    Instant resumedDue = process.now().plus(Duration.ofDays(9));

    // when
    process.completeUserTask(
        HANDLE, Map.of("handlingOutcome", "NEED_INFO", "question", "Which flat is cold?"));
    ActivatedJob paused = process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    ActivatedJob asked = process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);
    process.correlate(
        MessageNames.CITIZEN_INFORMATION_PROVIDED, caseId, Map.of("informationText", "Flat 12"));
    process.completeJob(
        JobTypes.CASES_UPDATE_STATUS,
        Map.of(
            "slaDueAt", resumedDue.toString(),
            "slaWarnAt", resumedDue.minus(Duration.ofDays(1)).toString()));

    // then
    assertThat(paused.getVariablesAsMap()).containsEntry("status", "WAITING_FOR_CITIZEN");
    assertThat(asked.getVariablesAsMap())
        .containsEntry("template", "INFORMATION_REQUESTED")
        .containsEntry("question", "Which flat is cold?");
    UserTask handle = process.userTask(HANDLE);
    assertThat(handle.getCandidateGroups()).containsExactly("HEATING");
    assertThat(handle.getDueDate().toInstant()).isEqualTo(resumedDue);
    assertThat(process.variables(ticket)).containsEntry("informationText", "Flat 12");
  }

  @Test
  void closesTheTicketWhenTheCitizenDoesNotAnswerWithinFourteenDays() {
    // given
    long ticket = submitHeatingTicket();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    process.completeUserTask(
        HANDLE, Map.of("handlingOutcome", "NEED_INFO", "question", "Which flat is cold?"));
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);

    // when
    process.advanceClock(Duration.ofDays(14).plusMinutes(1));
    ActivatedJob closed = process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(closed.getVariablesAsMap())
        .containsEntry("status", "CLOSED")
        .containsEntry("outcome", "NO_ANSWER_FROM_CITIZEN");
    process.awaitCompleted(ticket);
  }

  @Test
  void splitsIntoChildTicketsAndGivesTheTicketBackToTheLeadDepartment() {
    // given
    long ticket = submitHeatingTicket();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // when
    process.completeUserTask(
        HANDLE,
        Map.of(
            "handlingOutcome", "SPLIT",
            "childDepartments", List.of("GAS", "POWER"),
            "childInstructions", "Check your supply to the building"));
    List<ActivatedJob> opened = process.jobs(JobTypes.CASES_OPEN_CHILD_CASE, 2);
    for (ActivatedJob job : opened) {
      process
          .client()
          .newCompleteCommand(job.getKey())
          .variables(Map.of("childCaseId", "child-of-" + job.getVariable("childDepartment")))
          .send()
          .join();
    }
    List<UserTask> childTasks = process.userTasks("Task_HandleChildTicket", 2);
    for (UserTask task : childTasks) {
      process.completeUserTask(
          task, Map.of("childSummary", task.getCandidateGroups().get(0) + " supply is fine"));
    }
    List<ActivatedJob> closedChildren = process.jobs(JobTypes.CASES_UPDATE_STATUS, 2);
    closedChildren.forEach(job -> process.client().newCompleteCommand(job.getKey()).send().join());

    // then
    assertThat(opened)
        .extracting(job -> job.getVariable("childDepartment"))
        .containsExactlyInAnyOrder("GAS", "POWER");
    assertThat(opened)
        .allSatisfy(job -> assertThat(job.getVariable("parentCaseId")).isEqualTo(caseId));
    assertThat(childTasks)
        .extracting(task -> task.getCandidateGroups().get(0))
        .containsExactlyInAnyOrder("GAS", "POWER");
    assertThat(closedChildren)
        .extracting(job -> job.getVariable("caseId"))
        .containsExactlyInAnyOrder("child-of-GAS", "child-of-POWER");
    assertThat(process.userTask(HANDLE).getCandidateGroups()).containsExactly("HEATING");
    assertThat(process.variables(ticket).get("childResults"))
        .isEqualTo(
            List.of(
                Map.of("department", "GAS", "summary", "GAS supply is fine"),
                Map.of("department", "POWER", "summary", "POWER supply is fine")));
    assertThat(process.calledInstances(ticket, ProcessIds.HOTLINE_CHILD_TICKET))
        .hasSize(2)
        .allSatisfy(
            child -> assertThat(child.getState()).isEqualTo(ProcessInstanceState.COMPLETED));
  }

  @Test
  void anUnhappyCitizenReopensTheTicketWithTheSameDepartment() {
    // given
    long ticket = submitHeatingTicket();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    replyToCitizen();
    Instant resumedDue = process.now().plus(Duration.ofDays(2));

    // when
    rate(1, false);
    ActivatedJob reopened =
        process.completeJob(
            JobTypes.CASES_UPDATE_STATUS,
            Map.of(
                "slaDueAt", resumedDue.toString(),
                "slaWarnAt", resumedDue.minus(Duration.ofHours(12)).toString()));

    // then
    assertThat(reopened.getVariablesAsMap())
        .containsEntry("status", "REOPENED")
        .containsEntry("reopenCount", 1);
    UserTask handle = process.userTask(HANDLE);
    assertThat(handle.getCandidateGroups()).containsExactly("HEATING");
    assertThat(handle.getDueDate().toInstant()).isEqualTo(resumedDue);
    assertThat(process.variables(ticket)).containsEntry("reopenCount", 1);
  }

  @Test
  void aThirdUnhappyRatingGoesToTheSupervisorInsteadOfReopening() {
    // given
    submitHeatingTicket();
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    for (int reopening = 1; reopening <= 2; reopening++) {
      replyToCitizen();
      rate(2, false);
      assertThat(
              process
                  .completeJob(JobTypes.CASES_UPDATE_STATUS, slaFromNow())
                  .getVariable("reopenCount"))
          .isEqualTo(reopening);
    }
    replyToCitizen();

    // when
    rate(1, false);

    // then
    UserTask supervise = process.userTask(SUPERVISE);
    assertThat(supervise.getCandidateGroups()).containsExactly("HEATING_SUPERVISORS");
    process.assertNoJob(JobTypes.CASES_UPDATE_STATUS);
    assertThat(process.openTasks(HANDLE)).isEmpty();
  }

  static Stream<Arguments> routingRules() {
    return HotlineRoutingDecisionTest.rules();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routingRules")
  void eachRoutingRuleSendsTheTicketToItsDepartment(
      String rule,
      String transferTo,
      String category,
      String district,
      String description,
      String department) {
    // given
    Map<String, Object> ticket = new HashMap<>(ticketVariables());
    ticket.put("transferTo", transferTo);
    ticket.put("category", category);
    ticket.put("district", district);
    ticket.put("description", description);

    // when
    process.startByMessage(MessageNames.HOTLINE_TICKET_SUBMITTED, caseId, ticket);
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(process.userTask(HANDLE).getCandidateGroups()).containsExactly(department);
  }

  private long submitHeatingTicket() {
    return process.startByMessage(MessageNames.HOTLINE_TICKET_SUBMITTED, caseId, ticketVariables());
  }

  private Map<String, Object> ticketVariables() {
    Map<String, Object> ticket = new HashMap<>();
    ticket.put("caseId", caseId);
    ticket.put("reference", "YC-2026-000123");
    ticket.put("caseType", "HOTLINE_TICKET");
    ticket.put("category", "heating");
    ticket.put("district", "JINFENG_DISTRICT");
    ticket.put("subject", "No heating");
    ticket.put("description", "Radiators are cold");
    ticket.put("priority", "NORMAL");
    ticket.put("slaWarnAt", process.now().plus(Duration.ofDays(3)).toString());
    ticket.put("slaDueAt", slaDueAt().toString());
    return ticket;
  }

  private Instant slaDueAt() {
    return process.now().plus(Duration.ofDays(4));
  }

  private Map<String, Object> slaFromNow() {
    return Map.of(
        "slaDueAt", process.now().plus(Duration.ofDays(2)).toString(),
        "slaWarnAt", process.now().plus(Duration.ofDays(1)).toString());
  }

  private static Map<String, Object> resolved(String replyText) {
    return Map.of("handlingOutcome", "RESOLVED", "replyText", replyText);
  }

  /** The department resolves the open ticket and the reply goes out. */
  private void replyToCitizen() {
    process.completeUserTask(HANDLE, resolved("Done."));
    process.completeJob(JobTypes.CASES_UPDATE_STATUS);
    process.completeJob(JobTypes.CASES_NOTIFY_CITIZEN);
  }

  private long rate(int rating, boolean satisfied) {
    return process.correlate(
        MessageNames.CASE_RATED, caseId, Map.of("rating", rating, "satisfied", satisfied));
  }
}
