package io.cityflow.cases;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working time for SLAs: Monday to Friday, {@link #OPENS} to {@link #CLOSES} local time, except
 * public holidays, plus the make-up working days (调休上班) that fall on weekends. All SLA arithmetic
 * is done in working time, so "3 working days" is 3 × 8 working hours.
 */
public final class BusinessCalendar {
  public static final LocalTime OPENS = LocalTime.of(9, 0);
  public static final LocalTime CLOSES = LocalTime.of(17, 0);

  /** Working time in one working day. */
  public static final Duration WORKING_DAY = Duration.between(OPENS, CLOSES);

  private final ZoneId zone;
  private final Set<LocalDate> holidays;
  private final Set<LocalDate> makeUpWorkdays;

  public BusinessCalendar(
      ZoneId zone, Collection<LocalDate> holidays, Collection<LocalDate> makeUpWorkdays) {
    this.zone = zone;
    this.holidays = Set.copyOf(new TreeSet<>(holidays));
    this.makeUpWorkdays = Set.copyOf(new TreeSet<>(makeUpWorkdays));
    for (LocalDate d : this.makeUpWorkdays) {
      if (this.holidays.contains(d)) {
        throw new IllegalArgumentException(d + " is both a holiday and a make-up working day");
      }
    }
  }

  /** A calendar built from the holiday data files (see {@link HolidayYear}). */
  public static BusinessCalendar of(ZoneId zone, Collection<HolidayYear> years) {
    Set<LocalDate> off = new TreeSet<>();
    Set<LocalDate> on = new TreeSet<>();
    for (HolidayYear year : years) {
      off.addAll(year.holidays());
      on.addAll(year.makeUpWorkdays());
    }
    return new BusinessCalendar(zone, off, on);
  }

  public ZoneId zone() {
    return zone;
  }

  public boolean isWorkingDay(LocalDate date) {
    if (makeUpWorkdays.contains(date)) {
      return true;
    }
    if (holidays.contains(date)) {
      return false;
    }
    DayOfWeek dow = date.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
  }

  /** The instant after {@code amount} of working time has passed, counting from {@code start}. */
  public Instant addWorkingTime(Instant start, Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("negative working time: " + amount);
    }
    if (amount.isZero()) {
      return start;
    }
    ZonedDateTime t = nextWorkingMoment(start.atZone(zone));
    Duration remaining = amount;
    while (true) {
      ZonedDateTime close = t.toLocalDate().atTime(CLOSES).atZone(zone);
      Duration available = Duration.between(t, close);
      if (remaining.compareTo(available) <= 0) {
        return t.plus(remaining).toInstant();
      }
      remaining = remaining.minus(available);
      t = nextWorkingMoment(close.plusNanos(1));
    }
  }

  /** {@code days} working days after {@code start} (same working moment, {@code days} later). */
  public Instant addWorkingDays(Instant start, int days) {
    return addWorkingTime(start, WORKING_DAY.multipliedBy(days));
  }

  /** How much working time lies between two instants (zero when {@code to} is not later). */
  public Duration workingTimeBetween(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    LocalDate day = from.atZone(zone).toLocalDate();
    LocalDate last = to.atZone(zone).toLocalDate();
    while (!day.isAfter(last)) {
      if (isWorkingDay(day)) {
        Instant open = day.atTime(OPENS).atZone(zone).toInstant();
        Instant close = day.atTime(CLOSES).atZone(zone).toInstant();
        Instant a = from.isAfter(open) ? from : open;
        Instant b = to.isBefore(close) ? to : close;
        if (b.isAfter(a)) {
          total = total.plus(Duration.between(a, b));
        }
      }
      day = day.plusDays(1);
    }
    return total;
  }

  /** The moment itself when it is in working time, else the next opening. */
  private ZonedDateTime nextWorkingMoment(ZonedDateTime t) {
    ZonedDateTime candidate = t;
    while (true) {
      LocalDate date = candidate.toLocalDate();
      if (isWorkingDay(date)) {
        LocalTime time = candidate.toLocalTime();
        if (time.isBefore(OPENS)) {
          return date.atTime(OPENS).atZone(zone);
        }
        if (time.isBefore(CLOSES)) {
          return candidate;
        }
      }
      candidate = date.plusDays(1).atTime(OPENS).atZone(zone);
    }
  }
}
