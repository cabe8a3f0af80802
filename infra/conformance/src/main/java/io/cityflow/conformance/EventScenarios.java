package io.cityflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.ExclusiveGatewayBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Part 2: boundary events, the event-based gateway, error and terminate end events, and signals.
 * Each scenario deploys through {@link #deployPart2}, so a target that does not support the element
 * yet reports the scenario as skipped.
 */
public abstract class EventScenarios extends ScenarioSupport {

  @Test
  // docs/components/modeler/bpmn/timer-events/timer-events/ (interrupting timer boundary)
  void anInterruptingTimerBoundaryEventCancelsTheTaskAndTakesItsPath() {
    String id = uniqueId("boundary-timer");
    deployPart2(
        "timer boundary event",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("Task_Inspect", t -> t.zeebeJobType(id + ".inspect"))
            .endEvent()
            .moveToActivity("Task_Inspect")
            .boundaryEvent(
                "Event_SlaBreached", b -> b.cancelActivity(true).timerWithDuration("PT4H"))
            .serviceTask("Task_Escalate", t -> t.zeebeJobType(id + ".escalate"))
            .endEvent()
            .done());
    pinClock();
    long key = startInstance(id);
    activateOne(id + ".inspect");

    advanceClock(Duration.ofHours(5));

    assertThat(activateOne(id + ".escalate").getProcessInstanceKey()).isEqualTo(key);
    assertNoJob(id + ".inspect");
  }

  @Test
  // docs/components/modeler/bpmn/timer-events/timer-events/ (non-interrupting timer cycle)
  void aNonInterruptingTimerCycleFiresItsRepetitionsWhileTheTaskGoesOn() {
    String id = uniqueId("boundary-cycle");
    deployPart2(
        "non-interrupting timer cycle boundary event",
        reviewWithTimerBoundary(
            id,
            "Event_Remind",
            b -> b.cancelActivity(false).timerWithCycle("R2/PT1H"),
            "Task_SendReminder"));
    pinClock();
    long key = startInstance(id);
    awaitUserTask(key);

    advanceClock(Duration.ofMinutes(61));
    client().newCompleteCommand(activateOne(id)).send().join();
    advanceClock(Duration.ofMinutes(61));
    client().newCompleteCommand(activateOne(id)).send().join();
    advanceClock(Duration.ofMinutes(61));

    assertNoJob(id);
    assertThat(awaitUserTask(key).getElementId()).isEqualTo("Task_Review");
  }

  @Test
  // docs/components/modeler/bpmn/timer-events/timer-events/ (time cycle as cron expression)
  void aCronTimerCycleFiresAtTheNextMatchingTime() {
    String id = uniqueId("boundary-cron");
    deployPart2(
        "cron timer boundary event",
        reviewWithTimerBoundary(
            id,
            "Event_Hourly",
            b -> b.cancelActivity(false).timerWithCycle("0 0 * * * *"),
            "Task_Ping"));
    Instant halfPast = Instant.parse("2031-03-03T10:30:00Z");
    pinClock(halfPast);
    long key = startInstance(id);
    awaitUserTask(key);

    assertJobOnlyAfter(id, key, Duration.ofMinutes(20), Duration.ofMinutes(11));
  }

  @Test
  // docs/components/modeler/bpmn/message-events/message-events/ (message boundary events)
  void anInterruptingMessageBoundaryEventWithdrawsTheTask() {
    String id = uniqueId("boundary-message");
    deployPart2(
        "message boundary event",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("Task_Process", t -> t.zeebeJobType(id))
            .endEvent("Event_Processed")
            .moveToActivity("Task_Process")
            .boundaryEvent(
                "Event_Withdrawn",
                b ->
                    b.cancelActivity(true)
                        .message(m -> m.name(id).zeebeCorrelationKeyExpression("caseId")))
            .endEvent("Event_WithdrawnEnd")
            .done());
    long key = startInstance(id, Map.of("caseId", "C-42"));
    awaitInstanceState(key, ProcessInstanceState.ACTIVE);

    publish(id, "C-42", Map.of("reason", "resolved by phone"));

    awaitCompleted(key);
    assertNoJob(id);
    awaitRootVariables(key, vars -> assertThat(vars).containsEntry("reason", "resolved by phone"));
  }

  @Test
  // docs/components/modeler/bpmn/error-events/error-events/ (error boundary event)
  void anErrorThrownByAJobIsCaughtByTheMatchingBoundaryEvent() {
    String id = uniqueId("boundary-error");
    deployPart2(
        "error boundary event",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("Task_CheckEligibility", t -> t.zeebeJobType(id + ".check"))
            .endEvent()
            .moveToActivity("Task_CheckEligibility")
            .boundaryEvent("Event_NotEligible", b -> b.error("NOT_ELIGIBLE"))
            .serviceTask("Task_Reject", t -> t.zeebeJobType(id + ".reject"))
            .endEvent()
            .done());
    long key = startInstance(id);
    ActivatedJob check = activateOne(id + ".check");

    client()
        .newThrowErrorCommand(check)
        .errorCode("NOT_ELIGIBLE")
        .errorMessage("outside the district")
        .send()
        .join();

    assertThat(activateOne(id + ".reject").getProcessInstanceKey()).isEqualTo(key);
  }

  @Test
  // docs/components/modeler/bpmn/message-events/message-events/ (non-interrupting boundary)
  void aNonInterruptingMessageBoundaryEventKeepsTheTaskActive() {
    String id = uniqueId("boundary-message-ni");
    deployPart2(
        "non-interrupting message boundary event",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("Task_Process", t -> t.zeebeJobType(id + ".process"))
            .endEvent()
            .moveToActivity("Task_Process")
            .boundaryEvent(
                "Event_Comment",
                b ->
                    b.cancelActivity(false)
                        .message(m -> m.name(id).zeebeCorrelationKeyExpression("caseId")))
            .serviceTask("Task_FileComment", t -> t.zeebeJobType(id + ".comment"))
            .endEvent()
            .done());
    long key = startInstance(id, Map.of("caseId", "C-43"));
    activateOne(id + ".process");

    publish(id, "C-43", Map.of());

    assertThat(activateOne(id + ".comment").getProcessInstanceKey()).isEqualTo(key);
    assertStaysActive(key);
  }

  @Test
  // docs/components/modeler/bpmn/event-based-gateways/event-based-gateways/
  void anEventBasedGatewayFollowsTheMessageThatArrivesFirst() {
    String id = uniqueId("event-gateway-msg");
    deployPart2("event-based gateway", eventGateway(id));
    pinClock();
    long key = startInstance(id, Map.of("ticketId", "T-50"));
    awaitInstanceState(key, ProcessInstanceState.ACTIVE);

    publish(id, "T-50", Map.of());

    assertThat(activateOne(id + ".reply").getProcessInstanceKey()).isEqualTo(key);
    advanceClock(Duration.ofDays(8));
    assertNoJob(id + ".timeout");
  }

  @Test
  // docs/components/modeler/bpmn/event-based-gateways/event-based-gateways/
  void anEventBasedGatewayFollowsTheTimerWhenNoMessageArrives() {
    String id = uniqueId("event-gateway-timer");
    deployPart2("event-based gateway", eventGateway(id));
    pinClock();
    long key = startInstance(id, Map.of("ticketId", "T-51"));
    awaitInstanceState(key, ProcessInstanceState.ACTIVE);

    advanceClock(Duration.ofDays(8));

    assertThat(activateOne(id + ".timeout").getProcessInstanceKey()).isEqualTo(key);
  }

  private static io.camunda.zeebe.model.bpmn.BpmnModelInstance eventGateway(String id) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .eventBasedGateway("Gateway_Wait")
        .intermediateCatchEvent(
            "Event_Reply",
            e -> e.message(m -> m.name(id).zeebeCorrelationKeyExpression("ticketId")))
        .serviceTask("Task_Reply", t -> t.zeebeJobType(id + ".reply"))
        .endEvent()
        .moveToLastGateway()
        .intermediateCatchEvent("Event_NoReply", e -> e.timerWithDuration("P7D"))
        .serviceTask("Task_Close", t -> t.zeebeJobType(id + ".timeout"))
        .endEvent()
        .done();
  }

  @Test
  // docs/components/modeler/bpmn/error-events/error-events/ (error end event)
  void anErrorEndEventInASubprocessIsCaughtByTheBoundaryOfTheSubprocess() {
    String id = uniqueId("error-end");
    deployPart2(
        "error end event in embedded subprocess",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .subProcess(
                "SubProcess_Validate",
                s ->
                    ((ExclusiveGatewayBuilder)
                            s.embeddedSubProcess()
                                .startEvent()
                                .exclusiveGateway()
                                .conditionExpression("valid")
                                .endEvent()
                                .moveToLastGateway())
                        .defaultFlow()
                        .endEvent("Event_Invalid", e -> e.error("INVALID")))
            .serviceTask("Task_Accept", t -> t.zeebeJobType(id + ".accept"))
            .endEvent()
            .moveToActivity("SubProcess_Validate")
            .boundaryEvent("Event_Invalid_Caught", b -> b.error("INVALID"))
            .serviceTask("Task_Return", t -> t.zeebeJobType(id + ".return"))
            .endEvent()
            .done());

    long key = startInstance(id, Map.of("valid", false));

    assertThat(activateOne(id + ".return").getProcessInstanceKey()).isEqualTo(key);
    assertNoJob(id + ".accept");
  }

  @Test
  // docs/components/modeler/bpmn/terminate-events/terminate-events/
  void aTerminateEndEventEndsTheInstanceAndItsOtherBranches() {
    String id = uniqueId("terminate");
    deployPart2(
        "terminate end event",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .parallelGateway("Gateway_Fork")
            .serviceTask("Task_Long", t -> t.zeebeJobType(id + ".long"))
            .endEvent()
            .moveToNode("Gateway_Fork")
            .serviceTask("Task_Short", t -> t.zeebeJobType(id + ".short"))
            .endEvent("Event_Terminate", e -> e.terminate())
            .done());
    long key = startInstance(id);
    activateOne(id + ".long");

    client().newCompleteCommand(activateOne(id + ".short")).send().join();

    awaitCompleted(key);
    assertNoJob(id + ".long");
  }

  @Test
  // docs/components/modeler/bpmn/signal-events/signal-events/ (signal catch event)
  void aBroadcastSignalReachesTheWaitingCatchEvent() {
    String id = uniqueId("signal-catch");
    deployPart2(
        "signal intermediate catch event",
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateCatchEvent("Event_StormWarning", e -> e.signal(id))
            .endEvent()
            .done());
    long key = startInstance(id);
    awaitInstanceState(key, ProcessInstanceState.ACTIVE);

    callPart2Endpoint(
        "POST /v2/signals/broadcast",
        () ->
            client()
                .newBroadcastSignalCommand()
                .signalName(id)
                .variables(Map.of("level", "red"))
                .send()
                .join());

    awaitCompleted(key);
    awaitRootVariables(key, vars -> assertThat(vars).containsEntry("level", "red"));
  }

  @Test
  // docs/components/modeler/bpmn/signal-events/signal-events/ (signal start event)
  void aBroadcastSignalStartsAnInstanceThroughASignalStartEvent() {
    String id = uniqueId("signal-start");
    deployPart2(
        "signal start event",
        Bpmn.createExecutableProcess(id)
            .startEvent("Event_Storm")
            .signal(id)
            .serviceTask("Task_Prepare", t -> t.zeebeJobType(id))
            .endEvent()
            .done());

    callPart2Endpoint(
        "POST /v2/signals/broadcast",
        () -> client().newBroadcastSignalCommand().signalName(id).send().join());

    assertThat(activateOne(id).getBpmnProcessId()).isEqualTo(id);
  }
}
