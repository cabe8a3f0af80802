package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.activate;
import static io.cityflow.engine.EngineTestSupport.deploy;
import static io.cityflow.engine.EngineTestSupport.incidents;
import static io.cityflow.engine.EngineTestSupport.rootVariables;
import static io.cityflow.engine.EngineTestSupport.start;
import static io.cityflow.engine.EngineTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.engine.runtime.ActivatedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Timer, message and error boundary events on tasks and subprocesses. */
class BoundaryEventTest extends InMemoryEngineTest {

  private static final Instant T0 = Instant.parse("2031-05-05T08:00:00Z");

  @BeforeEach
  void deployModels() {
    deploy(
        engine,
        "bpmn/boundary-timer.bpmn",
        "bpmn/boundary-message.bpmn",
        "bpmn/boundary-error.bpmn");
  }

  private void at(Duration sinceStart) {
    engine.pinClock(T0.plus(sinceStart).toEpochMilli());
  }

  private void completeSingle(String type) {
    List<ActivatedJob> jobs = activate(engine, type);
    assertThat(jobs).hasSize(1);
    engine.completeJob(jobs.get(0).job().key, Map.of()).join();
  }

  @Test
  void aNonInterruptingCycleFiresItsRepetitionsAndTheTaskStays() {
    at(Duration.ZERO);
    long key = start(engine, "boundary-timer", Map.of());
    ActivatedJob work = activate(engine, "bt.work").get(0);

    at(Duration.ofMinutes(10));
    completeSingle("bt.remind");
    at(Duration.ofMinutes(20));
    completeSingle("bt.remind");
    at(Duration.ofMinutes(30));
    assertThat(activate(engine, "bt.remind")).isEmpty();

    assertThat(state(engine, key)).isEqualTo("ACTIVE");
    engine.completeJob(work.job().key, Map.of()).join();
    assertThat(state(engine, key)).isEqualTo("COMPLETED");
  }

  @Test
  void anInterruptingTimerCancelsTheTaskAndItsOtherTimers() {
    at(Duration.ZERO);
    long key = start(engine, "boundary-timer", Map.of());
    ActivatedJob work = activate(engine, "bt.work").get(0);

    at(Duration.ofMinutes(61));

    assertThat(activate(engine, "bt.remind")).hasSize(2);
    assertThat(state(engine, key)).isEqualTo("ACTIVE");
    assertThat(engine.completeJob(work.job().key, Map.of()))
        .failsWithin(Duration.ofSeconds(60))
        .withThrowableThat()
        .withMessageContaining("Expected to find a job with key " + work.job().key);
  }

  @Test
  void completingTheTaskClosesItsBoundaryTimers() {
    at(Duration.ZERO);
    long key = start(engine, "boundary-timer", Map.of());
    engine.completeJob(activate(engine, "bt.work").get(0).job().key, Map.of()).join();

    at(Duration.ofHours(5));

    assertThat(state(engine, key)).isEqualTo("COMPLETED");
    assertThat(activate(engine, "bt.remind")).isEmpty();
  }

  @Test
  void aMessageBoundaryEventWithdrawsTheUserTask() {
    long key = start(engine, "boundary-message", Map.of("caseId", "C-7"));

    engine.publishMessage("case-withdrawn", "C-7", 0, null, Map.of("reason", "duplicate")).join();

    assertThat(state(engine, key)).isEqualTo("COMPLETED");
    assertThat(rootVariables(engine, key)).containsEntry("reason", "duplicate");
  }

  @Test
  void anErrorIsCaughtByTheBoundaryWithItsCodeOnTheTaskItself() {
    long key = start(engine, "boundary-error", Map.of());
    ActivatedJob check = activate(engine, "be.check").get(0);

    engine.throwError(check.job().key, "REJECTED", "no permit", Map.of("why", "no permit")).join();

    assertThat(activate(engine, "be.reject")).hasSize(1);
    assertThat(activate(engine, "be.any")).isEmpty();
    assertThat(rootVariables(engine, key)).containsEntry("why", "no permit");
  }

  @Test
  void anErrorWithAnotherCodeIsCaughtByTheCatchAllBoundaryOfTheSubprocess() {
    long key = start(engine, "boundary-error", Map.of());
    ActivatedJob check = activate(engine, "be.check").get(0);

    engine.throwError(check.job().key, "BROKEN", null, Map.of()).join();

    assertThat(activate(engine, "be.any")).hasSize(1);
    assertThat(incidents(engine, key)).isEmpty();
  }
}
