package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.activate;
import static io.cityflow.engine.EngineTestSupport.deployModels;
import static io.cityflow.engine.EngineTestSupport.instancesOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.cityflow.engine.runtime.ActivatedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Timer start events: dates, repeating intervals and cron cycles, on the latest version only. */
class TimerStartEventTest extends InMemoryEngineTest {

  private static final Instant T0 = Instant.parse("2031-03-03T08:00:00Z");

  static BpmnModelInstance timerStarted(
      String id,
      String jobType,
      Consumer<io.camunda.zeebe.model.bpmn.builder.StartEventBuilder> t) {
    io.camunda.zeebe.model.bpmn.builder.StartEventBuilder start =
        Bpmn.createExecutableProcess(id).startEvent("Event_Timer");
    t.accept(start);
    return start.serviceTask("Task_Work", s -> s.zeebeJobType(jobType)).endEvent().done();
  }

  private void at(Duration sinceT0) {
    engine.pinClock(T0.plus(sinceT0).toEpochMilli());
  }

  /** Completes the jobs of the instances started since the last look, and counts them. */
  private int started(String jobType) {
    List<ActivatedJob> jobs = activate(engine, jobType);
    jobs.forEach(job -> engine.completeJob(job.job().key, java.util.Map.of()).join());
    return jobs.size();
  }

  @Test
  void aBoundedCycleStartsOneInstancePerRepetitionAndThenStops() {
    at(Duration.ZERO);
    deployModels(engine, timerStarted("ts-cycle", "ts.cycle", s -> s.timerWithCycle("R3/PT1H")));

    at(Duration.ofMinutes(59));
    assertThat(started("ts.cycle")).isZero();
    at(Duration.ofHours(1));
    assertThat(started("ts.cycle")).isEqualTo(1);
    at(Duration.ofHours(2));
    assertThat(started("ts.cycle")).isEqualTo(1);
    at(Duration.ofHours(3));
    assertThat(started("ts.cycle")).isEqualTo(1);
    at(Duration.ofHours(10));
    assertThat(started("ts.cycle")).isZero();
    assertThat(instancesOf(engine, "ts-cycle")).hasSize(3);
  }

  @Test
  void aDateStartsExactlyOneInstanceAtThatDate() {
    at(Duration.ZERO);
    deployModels(
        engine, timerStarted("ts-date", "ts.date", s -> s.timerWithDate("2031-03-03T12:00:00Z")));

    at(Duration.ofHours(3));
    assertThat(started("ts.date")).isZero();
    at(Duration.ofHours(4));
    assertThat(started("ts.date")).isEqualTo(1);
    at(Duration.ofDays(3));
    assertThat(started("ts.date")).isZero();
  }

  @Test
  void aCronCycleFiresAtEveryMatchingTime() {
    at(Duration.ZERO);
    deployModels(engine, timerStarted("ts-cron", "ts.cron", s -> s.timerWithCycle("0 30 8 * * *")));

    at(Duration.ofMinutes(29));
    assertThat(started("ts.cron")).isZero();
    at(Duration.ofMinutes(30));
    assertThat(started("ts.cron")).isEqualTo(1);
    at(Duration.ofDays(1).plusMinutes(30));
    assertThat(started("ts.cron")).isEqualTo(1);
  }

  @Test
  void aNewVersionReplacesTheTimersOfThePreviousOneAndAnIdenticalOneChangesNothing() {
    BpmnModelInstance first = timerStarted("ts-version", "ts.v1", s -> s.timerWithCycle("R/PT1H"));
    at(Duration.ZERO);
    deployModels(engine, first);
    at(Duration.ofMinutes(30));
    deployModels(engine, first);

    at(Duration.ofHours(1));
    assertThat(started("ts.v1")).as("the unchanged redeployment kept the first timer").isEqualTo(1);

    at(Duration.ofMinutes(70));
    deployModels(engine, timerStarted("ts-version", "ts.v2", s -> s.timerWithCycle("R/PT2H")));
    at(Duration.ofHours(4));
    assertThat(started("ts.v1")).as("the old version's timer is gone").isZero();
    assertThat(started("ts.v2")).isEqualTo(1);
    assertThat(instancesOf(engine, "ts-version"))
        .extracting(p -> p.version)
        .containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void aCycleThatMissedManyDueDatesStartsOneInstanceNotABurst() {
    at(Duration.ZERO);
    deployModels(engine, timerStarted("ts-late", "ts.late", s -> s.timerWithCycle("R/PT1H")));

    at(Duration.ofDays(30));
    assertThat(started("ts.late")).isEqualTo(1);
    at(Duration.ofDays(30).plusMinutes(59));
    assertThat(started("ts.late")).isZero();
    at(Duration.ofDays(30).plusHours(1));
    assertThat(started("ts.late")).isEqualTo(1);
  }

  @Test
  void aProcessWithOnlyATimerStartCannotBeStartedByHand() {
    deployModels(engine, timerStarted("ts-manual", "ts.manual", s -> s.timerWithCycle("R/PT1H")));

    assertThat(engine.createProcessInstance("ts-manual", -1, java.util.Map.of()))
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableThat()
        .withMessageContaining("has no none start event");
  }

  @Test
  void aTimerThatCannotBeEvaluatedFailsTheDeploymentAndNamesTheEvent() {
    assertThat(
            engine.deploy(
                List.of(
                    new io.cityflow.engine.runtime.Executor.Resource(
                        "ts-bad.bpmn",
                        Bpmn.convertToString(
                                timerStarted("ts-bad", "ts.bad", s -> s.timerWithDate("tomorrow")))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)))))
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableThat()
        .withMessageContaining("Event_Timer");
    assertThat(
            engine
                .searchProcessDefinitions(
                    new io.cityflow.engine.state.SearchQuery(
                        List.of(io.cityflow.engine.state.Criterion.eq("bpmn_process_id", "ts-bad")),
                        List.of(),
                        0,
                        10))
                .items())
        .isEmpty();
  }
}
