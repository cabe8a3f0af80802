package io.cityflow.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Timer cycles: ISO-8601 repeating intervals and cron expressions. */
class TimerCycleTest {

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void aRepeatingIntervalFiresAfterEachIntervalAndCountsItsRepetitions() {
    TimerCycle cycle = TimerCycle.parse("R3/PT10M", 0, "Event_Remind");

    long first = cycle.firstDue(at("2031-01-01T08:00:00Z"));

    assertThat(cycle.repetitions()).isEqualTo(3);
    assertThat(first).isEqualTo(at("2031-01-01T08:10:00Z"));
    assertThat(cycle.nextDue(first)).isEqualTo(at("2031-01-01T08:20:00Z"));
  }

  @Test
  void aLateTimerKeepsItsCadenceButFiresOnceForDueDatesItMissed() {
    TimerCycle hourly = TimerCycle.parse("R/PT1H", 0, "Event_Hourly");
    TimerCycle cron = TimerCycle.parse("0 0 * * * *", 0, "Event_Hourly");
    long due = at("2031-01-01T08:00:00Z");

    assertThat(hourly.nextDue(due, at("2031-01-01T08:05:00Z")))
        .isEqualTo(at("2031-01-01T09:00:00Z"));
    assertThat(hourly.nextDue(due, at("2031-01-03T10:30:00Z")))
        .isEqualTo(at("2031-01-03T11:30:00Z"));
    assertThat(cron.nextDue(due, at("2031-01-03T10:30:00Z"))).isEqualTo(at("2031-01-03T11:00:00Z"));
  }

  @Test
  void anUnboundedIntervalWithAStartFiresFirstAtTheStart() {
    TimerCycle cycle = TimerCycle.parse("R/2031-02-01T09:00:00Z/P1D", 0, "Event_Daily");

    assertThat(cycle.repetitions()).isEqualTo(-1);
    assertThat(cycle.firstDue(at("2031-01-15T00:00:00Z"))).isEqualTo(at("2031-02-01T09:00:00Z"));
  }

  @Test
  void aCronExpressionFiresAtTheNextMatchingSecond() {
    TimerCycle hourly = TimerCycle.parse("0 0 * * * *", 0, "Event_Hourly");
    TimerCycle weekdays = TimerCycle.parse("0 30 9 * * MON-FRI", 0, "Event_Morning");

    assertThat(hourly.firstDue(at("2031-03-03T10:30:00Z"))).isEqualTo(at("2031-03-03T11:00:00Z"));
    assertThat(hourly.nextDue(at("2031-03-03T11:00:00Z"))).isEqualTo(at("2031-03-03T12:00:00Z"));
    // 2031-03-08 is a Saturday, so the next weekday morning is Monday the 10th
    assertThat(weekdays.firstDue(at("2031-03-07T10:00:00Z"))).isEqualTo(at("2031-03-10T09:30:00Z"));
  }

  @Test
  void aCronExpressionWithStepsAndListsMatchesEachListedValue() {
    TimerCycle cycle = TimerCycle.parse("0 */15 8,17 * * *", 0, "Event_Quarter");

    assertThat(cycle.firstDue(at("2031-03-03T08:50:00Z"))).isEqualTo(at("2031-03-03T17:00:00Z"));
  }

  @Test
  void somethingElseIsRefusedNamingTheElement() {
    assertThatThrownBy(() -> TimerCycle.parse("every hour", 0, "Event_Bad"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("Event_Bad");
    assertThatThrownBy(() -> TimerCycle.parse("0 61 * * * *", 0, "Event_Bad"))
        .isInstanceOf(ExpressionException.class);
  }
}
