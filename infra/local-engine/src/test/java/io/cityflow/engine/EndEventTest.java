package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.activate;
import static io.cityflow.engine.EngineTestSupport.deploy;
import static io.cityflow.engine.EngineTestSupport.incidents;
import static io.cityflow.engine.EngineTestSupport.start;
import static io.cityflow.engine.EngineTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Terminate end events (ending their scope) and uncaught error end events. */
class EndEventTest extends InMemoryEngineTest {

  @BeforeEach
  void deployModels() {
    deploy(engine, "bpmn/terminate.bpmn", "bpmn/call-child.bpmn");
  }

  @Test
  void aTerminateEndEventEndsItsSubprocessWhichThenLeavesNormally() {
    long key = start(engine, "terminate", Map.of());
    long slow = activate(engine, "term.slow").get(0).job().key;

    engine.completeJob(activate(engine, "term.fast").get(0).job().key, Map.of()).join();

    assertThat(activate(engine, "term.after")).hasSize(1);
    assertThat(state(engine, key)).isEqualTo("ACTIVE");
    assertThat(engine.completeJob(slow, Map.of())).failsWithin(Duration.ofSeconds(60));
  }

  @Test
  void anUncaughtErrorEndEventRaisesAnIncidentOnTheEndEvent() {
    long key = start(engine, "call-child", Map.of());

    engine
        .completeJob(activate(engine, "call.inspect").get(0).job().key, Map.of("safe", false))
        .join();

    assertThat(incidents(engine, key))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.errorType).isEqualTo("UNHANDLED_ERROR_EVENT");
              assertThat(i.elementId).isEqualTo("Event_Unsafe");
              assertThat(i.errorMessage).contains("'UNSAFE'");
            });
  }
}
