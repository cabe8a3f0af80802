package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.deployModels;
import static io.cityflow.engine.EngineTestSupport.instancesOf;
import static io.cityflow.engine.EngineTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.cityflow.engine.api.Engine;
import io.cityflow.engine.runtime.ActivatedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Timer start events and event-subprocess timers live in the timer table: they survive restarts,
 * and a timer that fired before a restart does not fire again after it.
 */
class TimerStartRestartIT extends RestartFlow {

  private static final Instant T0 = Instant.parse("2033-03-03T06:00:00Z");

  /** One engine lifetime with the clock pinned at a moment. */
  private static void step(LocalEngineConfig config, Instant at, Consumer<Engine> work) {
    RestartFlow.step(
        config,
        engine -> {
          engine.pinClock(at.toEpochMilli());
          work.accept(engine);
        });
  }

  /** Completes the jobs of a type that are there now, and counts them. */
  private static int completeAll(Engine engine, String type) {
    List<ActivatedJob> jobs =
        engine.activateJobs(type, "test", Duration.ofDays(30).toMillis(), 100, List.of(), 0).join();
    jobs.forEach(job -> engine.completeJob(job.job().key, Map.of()).join());
    return jobs.size();
  }

  @Override
  void runFlow(LocalEngineConfig config) {
    long[] key = new long[1];
    step(
        config,
        T0,
        engine -> {
          deployModels(
              engine,
              Bpmn.createExecutableProcess("tsr-report")
                  .startEvent("Event_Hourly")
                  .timerWithCycle("R2/PT1H")
                  .serviceTask("Task_Report", t -> t.zeebeJobType("tsr.report"))
                  .endEvent()
                  .done(),
              Bpmn.createExecutableProcess("tsr-case")
                  .eventSubProcess(
                      "SubProcess_Remind",
                      e ->
                          e.startEvent("Event_Remind")
                              .interrupting(false)
                              .timerWithDuration("PT30M")
                              .serviceTask("Task_Remind", t -> t.zeebeJobType("tsr.remind"))
                              .endEvent())
                  .startEvent()
                  .userTask("Task_Review", u -> u.zeebeUserTask())
                  .endEvent()
                  .done());
          key[0] = engine.createProcessInstance("tsr-case", -1, Map.of()).join().instance().key;
        });
    step(
        config,
        T0.plus(Duration.ofHours(1)),
        engine -> {
          assertThat(completeAll(engine, "tsr.report")).isEqualTo(1);
          assertThat(completeAll(engine, "tsr.remind")).isEqualTo(1);
        });
    step(
        config,
        T0.plus(Duration.ofHours(1)),
        engine -> {
          assertThat(completeAll(engine, "tsr.report")).as("no second start").isZero();
          assertThat(completeAll(engine, "tsr.remind")).isZero();
        });
    step(
        config,
        T0.plus(Duration.ofHours(9)),
        engine -> {
          assertThat(completeAll(engine, "tsr.report")).isEqualTo(1);
          assertThat(instancesOf(engine, "tsr-report")).hasSize(2);
          assertThat(state(engine, key[0])).isEqualTo("ACTIVE");
        });
  }
}
