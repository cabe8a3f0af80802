package io.cityflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Intermediate timer catch events, driven by the pinned engine clock. */
public abstract class TimerScenarios extends ScenarioSupport {

  @Test
  // docs/components/modeler/bpmn/timer-events/timer-events/ (time duration)
  void aDurationTimerWaitsUntilTheDurationHasPassed() {
    String id = uniqueId("timer-duration");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateCatchEvent("Event_SlaWait", e -> e.timerWithDuration("PT2H"))
            .serviceTask("Task_Escalate", t -> t.zeebeJobType(id))
            .endEvent()
            .done());
    pinClock();
    long key = startInstance(id);

    advanceClock(Duration.ofMinutes(90));
    assertNoJob(id);
    advanceClock(Duration.ofMinutes(31));

    assertThat(activateOne(id).getProcessInstanceKey()).isEqualTo(key);
  }

  @Test
  // docs/components/modeler/bpmn/timer-events/timer-events/ (time date)
  void aDateTimerFiresAtItsDate() {
    String id = uniqueId("timer-date");
    Instant now = pinClock();
    Instant due = now.plus(Duration.ofDays(3));
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateCatchEvent("Event_Deadline", e -> e.timerWithDate(due.toString()))
            .serviceTask("Task_Close", t -> t.zeebeJobType(id))
            .endEvent()
            .done());
    long key = startInstance(id);

    advanceClock(Duration.ofDays(2));
    assertNoJob(id);
    advanceClock(Duration.ofDays(1).plusMinutes(1));

    assertThat(activateOne(id).getProcessInstanceKey()).isEqualTo(key);
  }

  @Test
  // docs/components/modeler/bpmn/timer-events/timer-events/ (expressions)
  void aTimerDurationExpressionIsEvaluatedFromTheInstanceVariables() {
    String id = uniqueId("timer-expr");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateCatchEvent("Event_Wait", e -> e.timerWithDurationExpression("waitFor"))
            .serviceTask("Task_After", t -> t.zeebeJobType(id))
            .endEvent()
            .done());
    pinClock();
    long key = startInstance(id, Map.of("waitFor", "P1D"));

    advanceClock(Duration.ofHours(23));
    assertNoJob(id);
    advanceClock(Duration.ofHours(2));

    assertThat(activateOne(id).getProcessInstanceKey()).isEqualTo(key);
  }

  @Test
  // docs/components/modeler/bpmn/timer-events/timer-events/ (a date in the past fires at once)
  void aTimerWhoseDateHasPassedFiresImmediately() {
    String id = uniqueId("timer-past");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateCatchEvent("Event_Past", e -> e.timerWithDate("2020-01-01T00:00:00Z"))
            .endEvent()
            .done());

    long key = startInstance(id);

    awaitCompleted(key);
  }

  @Test
  // docs/components/modeler/bpmn/timer-events/timer-events/ (time date as FEEL expression)
  void aTimerDateExpressionIsEvaluatedFromTheInstanceVariables() {
    String id = uniqueId("timer-date-expr");
    Instant now = pinClock();
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateCatchEvent(
                "Event_Hearing", e -> e.timerWithDateExpression("date and time(hearingAt)"))
            .serviceTask("Task_Remind", t -> t.zeebeJobType(id))
            .endEvent()
            .done());
    long key = startInstance(id, Map.of("hearingAt", now.plus(Duration.ofHours(6)).toString()));

    advanceClock(Duration.ofHours(5));
    assertNoJob(id);
    advanceClock(Duration.ofHours(1).plusMinutes(1));

    assertThat(activateOne(id).getProcessInstanceKey()).isEqualTo(key);
  }
}
