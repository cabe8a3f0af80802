package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.activate;
import static io.cityflow.engine.EngineTestSupport.deploy;
import static io.cityflow.engine.EngineTestSupport.start;
import static io.cityflow.engine.EngineTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event-based gateway and the inclusive gateway (fork and join). */
class GatewayEventTest extends InMemoryEngineTest {

  private static final Instant T0 = Instant.parse("2031-01-01T00:00:00Z");

  @BeforeEach
  void deployModels() {
    deploy(engine, "bpmn/event-gateway.bpmn", "bpmn/inclusive.bpmn", "bpmn/signal.bpmn");
  }

  @Test
  void theFirstEventWinsAndTheOthersAreCancelled() {
    engine.pinClock(T0.toEpochMilli());
    long key = start(engine, "event-gateway", Map.of("ticketId", "T-1"));

    engine.publishMessage("reply", "T-1", 0, null, Map.of()).join();

    assertThat(state(engine, key)).isEqualTo("COMPLETED");
    assertThat(engine.processInstance(key).orElseThrow().takenFlows)
        .anyMatch(flow -> flow.startsWith("sequenceFlow"))
        .hasSize(3);
  }

  @Test
  void theTimerWinsWhenNothingElseHappens() {
    engine.pinClock(T0.toEpochMilli());
    long key = start(engine, "event-gateway", Map.of("ticketId", "T-2"));

    engine.pinClock(T0.plus(Duration.ofDays(7)).toEpochMilli());

    await().atMost(Duration.ofSeconds(30)).until(() -> state(engine, key).equals("COMPLETED"));
    engine.publishMessage("reply", "T-2", 0, null, Map.of()).join();
    assertThat(state(engine, key)).isEqualTo("COMPLETED");
  }

  @Test
  void aSignalCanWinTheGateway() {
    long key = start(engine, "event-gateway", Map.of("ticketId", "T-3"));

    engine.broadcastSignal("storm", Map.of()).join();

    assertThat(state(engine, key)).isEqualTo("COMPLETED");
  }

  @Test
  void anInclusiveGatewayForksOnEveryTrueConditionAndJoinsOnlyThoseBranches() {
    long key = start(engine, "inclusive", Map.of("sms", true, "email", true, "post", false));
    long sms = activate(engine, "inc.sms").get(0).job().key;
    long email = activate(engine, "inc.email").get(0).job().key;
    assertThat(activate(engine, "inc.post")).isEmpty();

    engine.completeJob(sms, Map.of()).join();
    assertThat(activate(engine, "inc.after")).isEmpty();
    engine.completeJob(email, Map.of()).join();

    assertThat(activate(engine, "inc.after")).hasSize(1);
    assertThat(state(engine, key)).isEqualTo("ACTIVE");
  }

  @Test
  void anInclusiveGatewayWithNoTrueConditionAndNoDefaultRaisesAnIncident() {
    long key = start(engine, "inclusive", Map.of("sms", false, "email", false, "post", false));

    assertThat(EngineTestSupport.incidents(engine, key))
        .singleElement()
        .satisfies(i -> assertThat(i.errorType).isEqualTo("CONDITION_ERROR"));
  }

  @Test
  void aSignalStartsInstancesAndReachesWaitingCatchEvents() {
    engine.broadcastSignal("storm-warning", Map.of("level", "red")).join();
    long key = EngineTestSupport.instancesOf(engine, "signal").get(0).key;
    assertThat(state(engine, key)).isEqualTo("ACTIVE");
    assertThat(EngineTestSupport.rootVariables(engine, key)).containsEntry("level", "red");

    engine.broadcastSignal("all-clear", Map.of()).join();

    assertThat(state(engine, key)).isEqualTo("COMPLETED");
  }
}
