package io.cityflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.CorrelateMessageResponse;
import io.camunda.client.api.response.PublishMessageResponse;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Message catch events, message start events, publishing and correlating. */
public abstract class MessageScenarios extends ScenarioSupport {

  private static BpmnModelInstance waitingForMessage(String id, String messageName) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .intermediateCatchEvent(
            "Event_ReplyReceived",
            e -> e.message(m -> m.name(messageName).zeebeCorrelationKeyExpression("ticketId")))
        .endEvent()
        .done();
  }

  private static BpmnModelInstance startedByMessage(String id, String messageName) {
    return Bpmn.createExecutableProcess(id)
        .startEvent("Event_Reported")
        .message(messageName)
        .serviceTask("Task_Handle", t -> t.zeebeJobType(id))
        .endEvent()
        .done();
  }

  @Test
  // docs/components/modeler/bpmn/message-events/message-events/ (intermediate message catch)
  void aPublishedMessageCorrelatesByKeyAndMergesItsVariables() {
    String id = uniqueId("msg-catch");
    deploy(waitingForMessage(id, id));
    long key = startInstance(id, Map.of("ticketId", "T-1"));
    awaitInstanceState(key, ProcessInstanceState.ACTIVE);

    publish(id, "T-1", Map.of("reply", "fixed"));

    awaitCompleted(key);
    awaitRootVariables(key, vars -> assertThat(vars).containsEntry("reply", "fixed"));
  }

  @Test
  // docs/components/concepts/messages/ (message correlation)
  void aMessageWithAnotherCorrelationKeyDoesNotCorrelate() {
    String id = uniqueId("msg-other-key");
    deploy(waitingForMessage(id, id));
    long key = startInstance(id, Map.of("ticketId", "T-2"));

    publish(id, "T-3", Map.of());

    assertStaysActive(key);
  }

  @Test
  // docs/components/modeler/bpmn/message-events/message-events/ (correlation key expression)
  void aNumericCorrelationKeyMatchesItsStringForm() {
    String id = uniqueId("msg-numeric-key");
    deploy(waitingForMessage(id, id));
    long key = startInstance(id, Map.of("ticketId", 4711));

    publish(id, "4711", Map.of());

    awaitCompleted(key);
  }

  @Test
  // docs/components/concepts/messages/ (message buffering)
  void aMessagePublishedBeforeTheSubscriptionIsBufferedAndCorrelatesLater() {
    String id = uniqueId("msg-buffer");
    deploy(waitingForMessage(id, id));
    publish(id, "T-4", Map.of("early", true));

    long key = startInstance(id, Map.of("ticketId", "T-4"));

    awaitCompleted(key);
    awaitRootVariables(key, vars -> assertThat(vars).containsEntry("early", true));
  }

  @Test
  // docs/components/concepts/messages/ (message buffering: TTL zero)
  void aMessageWithZeroTimeToLiveIsNotBuffered() {
    String id = uniqueId("msg-ttl-zero");
    deploy(waitingForMessage(id, id));
    client()
        .newPublishMessageCommand()
        .messageName(id)
        .correlationKey("T-5")
        .timeToLive(Duration.ZERO)
        .send()
        .join();

    long key = startInstance(id, Map.of("ticketId", "T-5"));

    assertStaysActive(key);
  }

  @Test
  // docs/components/concepts/messages/ (message uniqueness)
  void aMessageIdIsPublishedOnlyOnceWhileBuffered() {
    String id = uniqueId("msg-unique");
    client()
        .newPublishMessageCommand()
        .messageName(id)
        .correlationKey("T-6")
        .messageId("reply-1")
        .timeToLive(Duration.ofMinutes(5))
        .send()
        .join();

    ProblemException duplicate =
        problemOf(
            () ->
                client()
                    .newPublishMessageCommand()
                    .messageName(id)
                    .correlationKey("T-6")
                    .messageId("reply-1")
                    .timeToLive(Duration.ofMinutes(5))
                    .send()
                    .join());

    assertThat(duplicate.code()).isEqualTo(409);
  }

  @Test
  // docs/components/concepts/messages/ (message correlation: one message, one subscription per
  // process)
  void aBufferedMessageCorrelatesToOnlyOneInstanceOfAProcess() {
    String id = uniqueId("msg-once");
    deploy(waitingForMessage(id, id));
    publish(id, "T-7", Map.of());

    long first = startInstance(id, Map.of("ticketId", "T-7"));
    awaitCompleted(first);
    long second = startInstance(id, Map.of("ticketId", "T-7"));

    assertStaysActive(second);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/correlate-message/
  void correlatingAMessageAnswersWithTheInstanceItReached() {
    String id = uniqueId("msg-correlate");
    deploy(waitingForMessage(id, id));
    long key = startInstance(id, Map.of("ticketId", "T-8"));
    awaitInstanceState(key, ProcessInstanceState.ACTIVE);

    CorrelateMessageResponse response =
        await()
            .atMost(EVENTUALLY)
            .ignoreException(ProblemException.class)
            .until(
                () ->
                    client()
                        .newCorrelateMessageCommand()
                        .messageName(id)
                        .correlationKey("T-8")
                        .variables(Map.of("answer", 42))
                        .send()
                        .join(),
                r -> true);

    assertThat(response.getProcessInstanceKey()).isEqualTo(key);
    awaitCompleted(key);
    awaitRootVariables(key, vars -> assertThat(vars).containsEntry("answer", 42));
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/correlate-message/
  void correlatingAMessageNothingWaitsForIsNotFoundAndNotBuffered() {
    String id = uniqueId("msg-correlate-none");
    deploy(waitingForMessage(id, id));

    ProblemException problem =
        problemOf(
            () ->
                client()
                    .newCorrelateMessageCommand()
                    .messageName(id)
                    .correlationKey("T-9")
                    .send()
                    .join());
    long key = startInstance(id, Map.of("ticketId", "T-9"));

    assertThat(problem.code()).isEqualTo(404);
    assertStaysActive(key);
  }

  @Test
  // docs/components/modeler/bpmn/message-events/message-events/ (message start events)
  void aMessageStartEventStartsAnInstanceWithTheMessageVariables() {
    String id = uniqueId("msg-start");
    deploy(startedByMessage(id, id));

    publish(id, "", Map.of("reporter", "citizen-1"));

    assertThat(activateOne(id).getVariablesAsMap()).containsEntry("reporter", "citizen-1");
  }

  @Test
  // docs/components/concepts/messages/ (message start events: only one active instance per key)
  void aMessageStartEventStartsNoSecondInstanceWhileOneWithTheSameKeyIsActive() {
    String id = uniqueId("msg-start-key");
    deploy(startedByMessage(id, id));
    publish(id, "device-7", Map.of("n", 1));
    publish(id, "device-7", Map.of("n", 2));
    publish(id, "device-8", Map.of("n", 3));

    List<ProcessInstance> instances =
        await().atMost(EVENTUALLY).until(() -> instancesOf(id), items -> items.size() >= 2);
    assertStaysActive(instances.get(0).getProcessInstanceKey());

    assertThat(instancesOf(id)).hasSize(2);
  }

  @Test
  // docs/components/concepts/messages/ (message start events: buffered until the instance ends)
  void aBufferedStartMessageStartsTheNextInstanceWhenTheFirstEnds() {
    String id = uniqueId("msg-start-next");
    deploy(startedByMessage(id, id));
    publish(id, "device-9", Map.of("n", 1));
    publish(id, "device-9", Map.of("n", 2));
    var first = activateOne(id);
    assertThat(first.getVariablesAsMap()).containsEntry("n", 1);

    client().newCompleteCommand(first).send().join();

    assertThat(activateOne(id).getVariablesAsMap()).containsEntry("n", 2);
  }

  @Test
  // docs/components/concepts/messages/ (message start events without correlation key)
  void startMessagesWithoutCorrelationKeyAlwaysStartNewInstances() {
    String id = uniqueId("msg-start-nokey");
    deploy(startedByMessage(id, id));

    publish(id, "", Map.of());
    publish(id, "", Map.of());

    await().atMost(EVENTUALLY).until(() -> instancesOf(id), items -> items.size() == 2);
    assertThat(instancesOf(id))
        .allSatisfy(p -> assertThat(p.getProcessDefinitionId()).isEqualTo(id));
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/correlate-message/ (start events)
  void correlatingAMessageStartsAnInstanceThroughAMessageStartEvent() {
    String id = uniqueId("msg-correlate-start");
    deploy(startedByMessage(id, id));

    CorrelateMessageResponse response =
        client()
            .newCorrelateMessageCommand()
            .messageName(id)
            .correlationKey("report-1")
            .variables(Map.of("source", "app"))
            .send()
            .join();

    var job = activateOne(id);
    assertThat(job.getProcessInstanceKey()).isEqualTo(response.getProcessInstanceKey());
    assertThat(job.getVariablesAsMap()).containsEntry("source", "app");
  }

  @Test
  // docs/components/modeler/bpmn/message-events/message-events/ (variable mappings)
  void anOutputMappingOnTheCatchEventReplacesTheMergeOfMessageVariables() {
    String id = uniqueId("msg-output");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateCatchEvent(
                "Event_ReplyReceived",
                e ->
                    e.message(m -> m.name(id).zeebeCorrelationKeyExpression("ticketId"))
                        .zeebeOutputExpression("reply", "citizenReply"))
            .endEvent()
            .done());
    long key = startInstance(id, Map.of("ticketId", "T-10"));
    awaitInstanceState(key, ProcessInstanceState.ACTIVE);

    publish(id, "T-10", Map.of("reply", "thanks", "channel", "sms"));

    awaitCompleted(key);
    awaitRootVariables(
        key,
        vars -> {
          assertThat(vars).containsEntry("citizenReply", "thanks");
          assertThat(vars).doesNotContainKeys("reply", "channel");
        });
  }

  @Test
  // docs/components/concepts/messages/ (message buffering: the message expires after its TTL)
  void aBufferedMessageExpiresAfterItsTimeToLive() {
    String id = uniqueId("msg-expire");
    deploy(waitingForMessage(id, id));
    pinClock();
    client()
        .newPublishMessageCommand()
        .messageName(id)
        .correlationKey("T-11")
        .timeToLive(Duration.ofMinutes(10))
        .send()
        .join();

    advanceClock(Duration.ofMinutes(11));
    long key = startInstance(id, Map.of("ticketId", "T-11"));

    assertStaysActive(key);
  }

  @Test
  // docs/components/concepts/messages/ (message uniqueness: only while the message is buffered)
  void aMessageIdCanBeReusedOnceTheFirstMessageHasExpired() {
    String id = uniqueId("msg-unique-expired");
    pinClock();
    client()
        .newPublishMessageCommand()
        .messageName(id)
        .correlationKey("T-12")
        .messageId("reply-2")
        .timeToLive(Duration.ofMinutes(10))
        .send()
        .join();
    advanceClock(Duration.ofMinutes(11));

    PublishMessageResponse republished =
        await()
            .atMost(EVENTUALLY)
            .ignoreException(ProblemException.class)
            .until(
                () ->
                    client()
                        .newPublishMessageCommand()
                        .messageName(id)
                        .correlationKey("T-12")
                        .messageId("reply-2")
                        .timeToLive(Duration.ofMinutes(10))
                        .send()
                        .join(),
                r -> true);

    assertThat(republished.getMessageKey()).isPositive();
  }

  @Test
  // docs/components/concepts/messages/ (message start events: messages published before deployment)
  void aMessagePublishedBeforeTheDeploymentStartsNoInstance() {
    String id = uniqueId("msg-start-before");
    publish(id, "", Map.of());

    deploy(startedByMessage(id, id));

    assertNoJob(id);
    assertThat(instancesOf(id)).isEmpty();
  }

  @Test
  // docs/components/modeler/bpmn/message-events/message-events/ (a new version replaces the start
  // subscription)
  void aMessageStartsOnlyTheLatestVersionOfTheProcess() {
    String id = uniqueId("msg-start-latest");
    deploy(startedByMessage(id, id));
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent("Event_Reported")
            .message(id)
            .serviceTask("Task_Handle", t -> t.zeebeJobType(id + ".v2"))
            .endEvent()
            .done());

    publish(id, "", Map.of());

    assertThat(activateOne(id + ".v2").getProcessDefinitionVersion()).isEqualTo(2);
    assertNoJob(id);
  }

  @Test
  // docs/components/concepts/messages/ (message correlation: one message reaches every process)
  void oneMessageCorrelatesToWaitingInstancesOfDifferentProcesses() {
    String name = uniqueId("msg-fanout");
    String permits = uniqueId("msg-fanout-permits");
    String billing = uniqueId("msg-fanout-billing");
    deploy(waitingForMessage(permits, name));
    deploy(waitingForMessage(billing, name));
    long permitKey = startInstance(permits, Map.of("ticketId", "T-13"));
    long billingKey = startInstance(billing, Map.of("ticketId", "T-13"));
    awaitInstanceState(permitKey, ProcessInstanceState.ACTIVE);
    awaitInstanceState(billingKey, ProcessInstanceState.ACTIVE);

    publish(name, "T-13", Map.of());

    awaitCompleted(permitKey);
    awaitCompleted(billingKey);
  }
}
