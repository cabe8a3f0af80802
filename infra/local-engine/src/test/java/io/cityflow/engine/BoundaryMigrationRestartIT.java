package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.deployModels;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.engine.api.Engine;
import io.cityflow.engine.runtime.ActivatedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The timers of migrated boundary events live in the timer table like the others: the kept SLA
 * timer of one instance and the newly scheduled one of another fire after restarts, each once.
 */
class BoundaryMigrationRestartIT extends RestartFlow {

  private static final Instant T0 = Instant.parse("2034-04-04T07:00:00Z");

  private static List<Long> escalated(Engine engine, Instant at) {
    engine.pinClock(at.toEpochMilli());
    List<ActivatedJob> jobs =
        engine
            .activateJobs("slar.v2", "test", Duration.ofDays(30).toMillis(), 100, List.of(), 0)
            .join();
    jobs.forEach(job -> engine.completeJob(job.job().key, Map.of()).join());
    return jobs.stream().map(job -> job.job().processInstanceKey).toList();
  }

  @Override
  void runFlow(LocalEngineConfig config) {
    long[] keys = new long[2];
    step(
        config,
        engine -> {
          engine.pinClock(T0.toEpochMilli());
          deployModels(engine, BoundaryMigrationTest.slaVersion("Timer_Sla", "PT1H", "slar.v1"));
          keys[0] = engine.createProcessInstance("mig-sla", -1, Map.of()).join().instance().key;
          keys[1] = engine.createProcessInstance("mig-sla", -1, Map.of()).join().instance().key;
          long version2 =
              deployModels(
                      engine, BoundaryMigrationTest.slaVersion("Timer_Sla2", "PT4H", "slar.v2"))
                  .resources()
                  .get(0)
                  .process()
                  .key;
          engine.pinClock(T0.plus(Duration.ofMinutes(50)).toEpochMilli());
          engine
              .migrateProcessInstance(
                  keys[0],
                  version2,
                  Map.of("Task_Review", "Task_Review", "Timer_Sla", "Timer_Sla2"))
              .join();
          engine
              .migrateProcessInstance(keys[1], version2, Map.of("Task_Review", "Task_Review"))
              .join();
        });
    step(
        config,
        engine ->
            assertThat(escalated(engine, T0.plus(Duration.ofMinutes(61))))
                .containsExactly(keys[0]));
    step(
        config,
        engine ->
            assertThat(escalated(engine, T0.plus(Duration.ofMinutes(50 + 240))))
                .containsExactly(keys[1]));
    step(config, engine -> assertThat(escalated(engine, T0.plus(Duration.ofHours(9)))).isEmpty());
  }
}
