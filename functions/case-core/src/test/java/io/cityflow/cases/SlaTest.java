package io.cityflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SlaTest {
  private static final ZoneId YINCHUAN = ZoneId.of("Asia/Shanghai");
  private final BusinessCalendar calendar =
      BusinessCalendar.of(YINCHUAN, HolidayFiles.load("cn", 2026, 2027));
  private final SlaPolicy policy = new SlaPolicy();
  private final SlaClock clock = new SlaClock(calendar);

  private static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(YINCHUAN).toInstant();
  }

  @ParameterizedTest
  @EnumSource(CaseType.class)
  void urgentCasesAreDueSoonerThanLowPriorityOnes(CaseType type) {
    assertThat(policy.target(type, Priority.URGENT))
        .isLessThan(policy.target(type, Priority.HIGH))
        .isLessThan(policy.target(type, Priority.LOW));
    assertThat(policy.target(type, Priority.NORMAL))
        .isLessThanOrEqualTo(policy.target(type, Priority.LOW));
  }

  @Test
  void aNormalHotlineTicketIsDueInThreeWorkingDaysWithAWarningBefore() {
    // given a Monday morning ticket
    Instant submitted = local("2026-03-09T09:00");

    // when
    SlaPolicy.SlaDeadlines d =
        policy.deadlines(calendar, CaseType.HOTLINE_TICKET, Priority.NORMAL, submitted);

    // then: 24 working hours → Wednesday 17:00; warning after 18 working hours → Wednesday 11:00
    assertThat(d.dueAt()).isEqualTo(local("2026-03-11T17:00"));
    assertThat(d.warnAt()).isEqualTo(local("2026-03-11T11:00"));
  }

  @Test
  void waitingForTheCitizenMovesTheDueDateByThePausedWorkingTime() {
    // given a case due Wednesday 17:00, paused Monday 15:00 and resumed Tuesday 11:00
    CityCase c =
        CaseFixtures.hotlineTicket().toBuilder()
            .slaDueAt(local("2026-03-11T17:00"))
            .slaWarnAt(local("2026-03-11T11:00"))
            .build();

    // when
    CityCase paused = clock.pause(c, local("2026-03-09T15:00"));
    CityCase resumed = clock.resume(paused, local("2026-03-10T11:00"));

    // then: 2 + 2 = 4 working hours paused → due Thursday 13:00
    assertThat(paused.slaPausedAt()).isEqualTo(local("2026-03-09T15:00"));
    assertThat(resumed.slaPausedAt()).isNull();
    assertThat(resumed.slaDueAt()).isEqualTo(local("2026-03-12T13:00"));
    assertThat(resumed.slaWarnAt()).isEqualTo(local("2026-03-11T15:00"));
  }

  @Test
  void aPauseOverAWeekendCostsNoWorkingTime() {
    CityCase c =
        CaseFixtures.hotlineTicket().toBuilder().slaDueAt(local("2026-03-11T17:00")).build();
    CityCase resumed =
        clock.resume(clock.pause(c, local("2026-03-07T10:00")), local("2026-03-08T20:00"));
    assertThat(resumed.slaDueAt()).isEqualTo(local("2026-03-11T17:00"));
  }

  @Test
  void pausingTwiceKeepsTheFirstPause() {
    CityCase c = clock.pause(CaseFixtures.hotlineTicket(), local("2026-03-09T10:00"));
    assertThat(clock.pause(c, local("2026-03-09T12:00")).slaPausedAt())
        .isEqualTo(local("2026-03-09T10:00"));
  }
}
