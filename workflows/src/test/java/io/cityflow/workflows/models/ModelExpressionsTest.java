package io.cityflow.workflows.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.junit.jupiter.api.Test;

/**
 * The FEEL in the models decides the paths: gateway conditions and the input mappings that feed
 * workers. These tests read the expressions from the BPMN files and evaluate them with the FEEL
 * engine Zeebe uses, so a model edit that changes a path shows up here.
 */
class ModelExpressionsTest {
  private static final FeelEngineApi FEEL = FeelEngineBuilder.forJava().build();

  @Test
  void hotlineAsksForInformationOnlyWhenTheClerkSaysSo() {
    String condition = condition("hotline-ticket", "Flow_OutcomeNeedInformation");

    assertThat(evaluate(condition, Map.of("handlingOutcome", "NEED_INFO"))).isEqualTo(true);
    assertThat(evaluate(condition, Map.of("handlingOutcome", "RESOLVED"))).isEqualTo(false);
  }

  @Test
  void hotlineReopensTwiceAndThenGoesToTheSupervisor() {
    String reopenAllowed = condition("hotline-ticket", "Flow_ReopenAllowed");

    assertThat(evaluate(reopenAllowed, variables("reopenCount", null))).isEqualTo(true);
    assertThat(evaluate(reopenAllowed, Map.of("reopenCount", 1))).isEqualTo(true);
    assertThat(evaluate(reopenAllowed, Map.of("reopenCount", 2))).isEqualTo(false);
  }

  @Test
  void hotlineCountsReopeningsFromZero() {
    String increment = input("hotline-ticket", "Task_ReopenTicket", "reopenCount");

    assertThat(evaluate(increment, variables("reopenCount", null))).isEqualTo(1L);
    assertThat(evaluate(increment, Map.of("reopenCount", 1))).isEqualTo(2L);
  }

  @Test
  void hotlineClosesOnlyASatisfiedTicketAsSatisfied() {
    String satisfied = condition("hotline-ticket", "Flow_Satisfied");
    String outcome = input("hotline-ticket", "Task_CloseTicket", "outcome");

    assertThat(evaluate(satisfied, Map.of("satisfied", true))).isEqualTo(true);
    assertThat(evaluate(satisfied, Map.of("satisfied", false))).isEqualTo(false);
    assertThat(evaluate(outcome, Map.of("satisfied", true))).isEqualTo("CITIZEN_SATISFIED");
    assertThat(evaluate(outcome, variables("satisfied", null))).isEqualTo("NO_FEEDBACK");
  }

  @Test
  void hotlineTellsTheSupervisorWhyTheTicketIsEscalated() {
    String reason = input("hotline-ticket", "Task_SuperviseTicket", "escalationReason");

    assertThat((String) evaluate(reason, Map.of("reopenCount", 2, "satisfied", false)))
        .contains("unhappy");
    assertThat((String) evaluate(reason, variables("reopenCount", null)))
        .contains("deadline has passed");
  }

  @Test
  void hotlineSupervisorGivesMoreTimeBeforeATransferAndRoutesOnlyTransfers() {
    String extend = condition("hotline-ticket", "Flow_SupervisorExtends");
    String transfer = condition("hotline-ticket", "Flow_SupervisorTransfers");

    assertThat(evaluate(extend, Map.of("escalationDecision", "EXTEND"))).isEqualTo(true);
    assertThat(evaluate(extend, Map.of("escalationDecision", "TRANSFER"))).isEqualTo(true);
    assertThat(evaluate(extend, Map.of("escalationDecision", "DECIDE"))).isEqualTo(false);
    assertThat(evaluate(transfer, Map.of("escalationDecision", "TRANSFER"))).isEqualTo(true);
    assertThat(evaluate(transfer, Map.of("escalationDecision", "EXTEND"))).isEqualTo(false);
  }

  @Test
  void approvalRejectionWinsOverADocumentRequest() {
    String rejected = condition("smartphone-approval", "Flow_Rejected");
    String moreDocuments = condition("smartphone-approval", "Flow_MoreDocumentsRequested");
    Map<String, Object> rejectAndAsk =
        Map.of("reviews", List.of(review("HEALTH", "REJECT"), review("HOUSING", "MORE_DOCUMENTS")));
    Map<String, Object> approveAndAsk =
        Map.of(
            "reviews", List.of(review("HEALTH", "APPROVE"), review("HOUSING", "MORE_DOCUMENTS")));
    Map<String, Object> allApprove =
        Map.of("reviews", List.of(review("HEALTH", "APPROVE"), review("HOUSING", "APPROVE")));

    assertThat(evaluate(rejected, rejectAndAsk)).isEqualTo(true);
    assertThat(evaluate(moreDocuments, rejectAndAsk)).isEqualTo(false);
    assertThat(evaluate(rejected, approveAndAsk)).isEqualTo(false);
    assertThat(evaluate(moreDocuments, approveAndAsk)).isEqualTo(true);
    assertThat(evaluate(rejected, allApprove)).isEqualTo(false);
    assertThat(evaluate(moreDocuments, allApprove)).isEqualTo(false);
  }

  @Test
  void approvalAsksForTheMissingDocumentsOrForWhatReviewersWant() {
    String question = input("smartphone-approval", "CallActivity_RequestDocuments", "question");

    assertThat(
            evaluate(
                question,
                Map.of(
                    "documentsComplete",
                    false,
                    "missingDocuments",
                    List.of("id-card", "floor-plan"))))
        .isEqualTo("Please upload: id-card, floor-plan");
    assertThat(
            evaluate(
                question,
                Map.of(
                    "documentsComplete",
                    true,
                    "reviews",
                    List.of(
                        Map.of("department", "HEALTH", "decision", "MORE_DOCUMENTS", "reason", "a"),
                        Map.of("department", "HOUSING", "decision", "APPROVE", "reason", "b"),
                        Map.of("department", "GAS", "decision", "MORE_DOCUMENTS", "reason", "c")))))
        .isEqualTo("a; c");
  }

  @Test
  void approvalRejectionNamesEachRejectingDepartment() {
    String reason = input("smartphone-approval", "Task_MarkRejected", "outcomeReason");

    Object text =
        evaluate(
            reason,
            Map.of(
                "reviews",
                List.of(
                    Map.of("department", "HEALTH", "decision", "REJECT", "reason", "No sink"),
                    Map.of("department", "HOUSING", "decision", "APPROVE", "reason", "ok"))));

    assertThat(text).isEqualTo("HEALTH: No sink");
  }

  @Test
  void approvalFallsBackToTheCaseCategoryAsPermitType() {
    String permitType = input("smartphone-approval", "Task_DetermineRequirements", "permitType");

    assertThat(evaluate(permitType, variables("category", "tree-felling")))
        .isEqualTo("tree-felling");
    assertThat(evaluate(permitType, Map.of("permitType", "building-permit", "category", "x")))
        .isEqualTo("building-permit");
  }

  @Test
  void deviceTakesTheEmergencyPathOnlyForEmergencies() {
    String emergency = condition("device-maintenance", "Flow_Emergency");

    assertThat(evaluate(emergency, Map.of("maintenance", Map.of("priority", "EMERGENCY"))))
        .isEqualTo(true);
    assertThat(evaluate(emergency, Map.of("maintenance", Map.of("priority", "URGENT"))))
        .isEqualTo(false);
  }

  @Test
  void deviceCaseClosesWithTheOutcomeOfItsPath() {
    String outcome = input("device-maintenance", "Task_CloseMaintenanceCase", "outcome");

    assertThat(evaluate(outcome, Map.of("recoveredAt", "2026-11-28T10:00:00Z")))
        .isEqualTo("RECOVERED_BEFORE_DISPATCH");
    assertThat(evaluate(outcome, Map.of("repairOutcome", "FIXED"))).isEqualTo("FIXED");
    assertThat(evaluate(outcome, Map.of("incidentOutcome", "FALSE_ALARM")))
        .isEqualTo("FALSE_ALARM");
  }

  @Test
  void deviceIsDispatchedAgainOnlyWhenNotFixed() {
    String notRepaired = condition("device-maintenance", "Flow_NotRepaired");

    assertThat(evaluate(notRepaired, Map.of("repairOutcome", "NOT_FIXED"))).isEqualTo(true);
    assertThat(evaluate(notRepaired, Map.of("repairOutcome", "REPLACED"))).isEqualTo(false);
  }

  @Test
  void communityPlansAnotherVisitUnlessTheWorkIsDone() {
    String notDone = condition("community-service-request", "Flow_ServiceNotDone");

    assertThat(evaluate(notDone, Map.of("visitOutcome", "NOT_HOME"))).isEqualTo(true);
    assertThat(evaluate(notDone, Map.of("visitOutcome", "DONE"))).isEqualTo(false);
  }

  @Test
  void informationRequestWaitsThirtyDaysUnlessTheCallerSaysOtherwise() {
    String window =
        Models.readBpmn(Path.of("bpmn", "request-information.bpmn"))
            .getModelElementById("TimerEventDefinition_ResponseWindowElapsed")
            .getDomElement()
            .getChildElements()
            .get(0)
            .getTextContent();

    assertThat(evaluate(window, variables("responseWindow", null))).isEqualTo("P30D");
    assertThat(evaluate(window, Map.of("responseWindow", "P14D"))).isEqualTo("P14D");
  }

  private static Map<String, Object> review(String department, String decision) {
    return Map.of("department", department, "decision", decision, "reason", "because");
  }

  private static Map<String, Object> variables(String name, Object value) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(name, value);
    return variables;
  }

  private static BpmnModelInstance model(String processId) {
    return Models.readBpmn(Path.of("bpmn", processId + ".bpmn"));
  }

  private static String condition(String processId, String flowId) {
    SequenceFlow flow = model(processId).getModelElementById(flowId);
    return flow.getConditionExpression().getTextContent();
  }

  private static String input(String processId, String elementId, String target) {
    return model(processId).getModelElementsByType(ZeebeInput.class).stream()
        .filter(input -> target.equals(input.getTarget()))
        .filter(
            input ->
                elementId.equals(
                    ((io.camunda.zeebe.model.bpmn.instance.BaseElement)
                            input.getParentElement().getParentElement().getParentElement())
                        .getId()))
        .map(ZeebeInput::getSource)
        .findFirst()
        .orElseThrow(() -> new AssertionError(elementId + " has no input " + target));
  }

  private static Object evaluate(String expression, Map<String, Object> variables) {
    assertThat(expression).startsWith("=");
    EvaluationResult result = FEEL.evaluateExpression(expression.substring(1), variables);
    assertThat(result.isSuccess()).as("%s: %s", expression, result).isTrue();
    return result.result();
  }
}
