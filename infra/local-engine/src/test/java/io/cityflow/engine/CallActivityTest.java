package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.activate;
import static io.cityflow.engine.EngineTestSupport.deploy;
import static io.cityflow.engine.EngineTestSupport.instancesOf;
import static io.cityflow.engine.EngineTestSupport.rootVariables;
import static io.cityflow.engine.EngineTestSupport.start;
import static io.cityflow.engine.EngineTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.engine.runtime.ActivatedJob;
import io.cityflow.engine.runtime.ProcessInstance;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Call activities: the child instance, variable propagation, cancellation and errors. */
class CallActivityTest extends InMemoryEngineTest {

  @BeforeEach
  void deployModels() {
    deploy(engine, "bpmn/call-parent.bpmn", "bpmn/call-child.bpmn");
  }

  @Test
  void theChildGetsTheParentVariablesAndOnlyTheOutputMappingsComeBack() {
    long parent = start(engine, "call-parent", Map.of("site", "north-gate"));
    ActivatedJob inspect = activate(engine, "call.inspect").get(0);
    ProcessInstance child = engine.processInstance(inspect.job().processInstanceKey).orElseThrow();

    assertThat(child.parentProcessInstanceKey).isEqualTo(parent);
    assertThat(inspect.variables())
        .containsEntry("site", "north-gate")
        .containsEntry("location", "north-gate");

    engine
        .completeJob(inspect.job().key, Map.of("safe", true, "findings", "ok", "extra", 1))
        .join();

    assertThat(state(engine, child.key)).isEqualTo("COMPLETED");
    assertThat(state(engine, parent)).isEqualTo("COMPLETED");
    assertThat(rootVariables(engine, parent))
        .containsEntry("inspectionFindings", "ok")
        .doesNotContainKeys("extra", "findings");
  }

  @Test
  void cancellingTheParentCancelsTheChild() {
    long parent = start(engine, "call-parent", Map.of("site", "s"));
    long child = activate(engine, "call.inspect").get(0).job().processInstanceKey;

    engine.cancelProcessInstance(parent).join();

    assertThat(state(engine, parent)).isEqualTo("TERMINATED");
    assertThat(state(engine, child)).isEqualTo("TERMINATED");
  }

  @Test
  void aChildCannotBeCancelledOnItsOwn() {
    start(engine, "call-parent", Map.of("site", "s"));
    long child = activate(engine, "call.inspect").get(0).job().processInstanceKey;

    assertThat(engine.cancelProcessInstance(child))
        .failsWithin(Duration.ofSeconds(60))
        .withThrowableThat()
        .withMessageContaining("cancel the root process instance instead");
    assertThat(state(engine, child)).isEqualTo("ACTIVE");
  }

  @Test
  void anErrorEndEventInTheChildIsCaughtByTheBoundaryOfTheCallActivity() {
    long parent = start(engine, "call-parent", Map.of("site", "s"));
    ActivatedJob inspect = activate(engine, "call.inspect").get(0);

    engine.completeJob(inspect.job().key, Map.of("safe", false)).join();

    assertThat(activate(engine, "call.close")).hasSize(1);
    assertThat(state(engine, inspect.job().processInstanceKey)).isEqualTo("TERMINATED");
    assertThat(instancesOf(engine, "call-child")).singleElement();
    assertThat(state(engine, parent)).isEqualTo("ACTIVE");
  }
}
