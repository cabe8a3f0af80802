package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.activate;
import static io.cityflow.engine.EngineTestSupport.deploy;
import static io.cityflow.engine.EngineTestSupport.rootVariables;
import static io.cityflow.engine.EngineTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cityflow.engine.runtime.ActivatedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Stops and reopens the engine on the same database between every step of a flow that holds part-2
 * state: a multi-instance subprocess (scope tree, loop counters), boundary timer cycles, a called
 * child instance, a signal subscription, a decision and the record of taken sequence flows.
 */
class ScopeRestartIT extends RestartFlow {

  private static final Instant T0 = Instant.parse("2032-02-02T09:00:00Z");

  @Override
  void runFlow(LocalEngineConfig config) {
    long[] key = new long[1];
    step(
        config,
        engine -> {
          engine.pinClock(T0.toEpochMilli());
          deploy(
              engine, "bpmn/restart-scopes.bpmn", "bpmn/call-child.bpmn", "dmn/route-ticket.dmn");
          key[0] =
              engine
                  .createProcessInstance(
                      "restart-scopes", -1, Map.of("items", List.of("a", "b"), "category", "water"))
                  .join()
                  .instance()
                  .key;
          assertThat(activate(engine, "r2.work")).hasSize(2);
        });
    step(
        config,
        engine -> {
          engine.pinClock(T0.plus(Duration.ofMinutes(61)).toEpochMilli());
          List<ActivatedJob> reminders =
              await()
                  .atMost(Duration.ofSeconds(30))
                  .until(() -> activate(engine, "r2.remind"), jobs -> !jobs.isEmpty());
          assertThat(reminders).hasSize(2);
          reminders.forEach(j -> engine.completeJob(j.job().key, Map.of()).join());
          List<ActivatedJob> work = activate(engine, "r2.work");
          assertThat(work)
              .extracting(j -> j.variables().get("item"))
              .containsExactlyInAnyOrder("a", "b");
          work.forEach(j -> engine.completeJob(j.job().key, Map.of()).join());
        });
    step(
        config,
        engine -> {
          ActivatedJob inspect = activate(engine, "call.inspect").get(0);
          assertThat(
                  engine
                      .processInstance(inspect.job().processInstanceKey)
                      .orElseThrow()
                      .parentProcessInstanceKey)
              .isEqualTo(key[0]);
          engine.completeJob(inspect.job().key, Map.of("safe", true)).join();
        });
    step(
        config,
        engine -> {
          engine.pinClock(T0.plus(Duration.ofHours(5)).toEpochMilli());
          assertThat(state(engine, key[0])).isEqualTo("ACTIVE");
          engine.broadcastSignal("r2-go", Map.of()).join();

          assertThat(state(engine, key[0])).isEqualTo("COMPLETED");
          assertThat(rootVariables(engine, key[0])).containsEntry("department", "utilities");
          assertThat(activate(engine, "r2.remind")).isEmpty();
          assertThat(engine.processInstance(key[0]).orElseThrow().takenFlows).hasSize(9);
        });
  }
}
