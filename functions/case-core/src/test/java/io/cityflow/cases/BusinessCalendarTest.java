package io.cityflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
  private static final ZoneId YINCHUAN = ZoneId.of("Asia/Shanghai");
  private final List<HolidayYear> years = HolidayFiles.load("cn", 2026, 2027);
  private final BusinessCalendar calendar = BusinessCalendar.of(YINCHUAN, years);

  private static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(YINCHUAN).toInstant();
  }

  @Test
  void shipsTheOfficial2026ArrangementAndAProvisional2027() {
    assertThat(years).extracting(HolidayYear::year).containsExactly(2026, 2027);
    HolidayYear y2026 = years.get(0);
    assertThat(y2026.provisional()).isFalse();
    assertThat(y2026.source()).contains("State Council");
    assertThat(y2026.holidays()).hasSize(33);
    assertThat(y2026.makeUpWorkdays()).hasSize(6);
    assertThat(years.get(1).provisional()).isTrue();
  }

  @Test
  void everyMakeUpWorkdayFallsOnAWeekend() {
    for (HolidayYear year : years) {
      for (LocalDate d : year.makeUpWorkdays()) {
        assertThat(d.getDayOfWeek()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
      }
    }
  }

  @Test
  void knowsHolidaysWeekendsAndMakeUpDays() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16))).as("Spring Festival").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).as("make-up Saturday").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).as("make-up Saturday").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 7))).as("plain Saturday").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 9))).as("plain Monday").isTrue();
  }

  @Test
  void addsWorkingHoursWithinOneDay() {
    assertThat(calendar.addWorkingTime(local("2026-03-09T10:00"), Duration.ofHours(4)))
        .isEqualTo(local("2026-03-09T14:00"));
  }

  @Test
  void carriesOverToTheNextWorkingDayAfterClosing() {
    assertThat(calendar.addWorkingTime(local("2026-03-09T15:00"), Duration.ofHours(4)))
        .isEqualTo(local("2026-03-10T11:00"));
  }

  @Test
  void startsTheClockAtTheNextOpeningWhenSubmittedAtNight() {
    assertThat(calendar.addWorkingTime(local("2026-03-06T22:30"), Duration.ofHours(1)))
        .as("Friday night → Monday 10:00")
        .isEqualTo(local("2026-03-09T10:00"));
  }

  @Test
  void skipsTheWholeSpringFestivalAndWorksTheMakeUpSaturday() {
    // Friday 13 Feb 2026 10:00 + 3 working days: Sat 14 Feb is worked, 15–23 Feb are off.
    Instant due = calendar.addWorkingDays(local("2026-02-13T10:00"), 3);
    assertThat(due).isEqualTo(local("2026-02-25T10:00"));
  }

  @Test
  void countsWorkingTimeBetweenTwoMomentsAcrossAWeekend() {
    assertThat(calendar.workingTimeBetween(local("2026-03-06T16:00"), local("2026-03-09T10:00")))
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void countsNoWorkingTimeBackwards() {
    assertThat(calendar.workingTimeBetween(local("2026-03-09T10:00"), local("2026-03-06T10:00")))
        .isZero();
  }

  @Test
  void withoutDataForAYearKeepsWeekendsOnly() {
    BusinessCalendar bare = new BusinessCalendar(YINCHUAN, List.of(), List.of());
    assertThat(bare.isWorkingDay(LocalDate.of(2030, 1, 1))).isTrue();
    assertThat(bare.isWorkingDay(LocalDate.of(2030, 1, 5))).isFalse();
  }
}
