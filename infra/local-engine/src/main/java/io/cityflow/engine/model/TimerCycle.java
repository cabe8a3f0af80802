package io.cityflow.engine.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;

/**
 * A timer cycle: an ISO-8601 repeating interval ({@code R3/PT1H}, {@code R/PT10M}, {@code
 * R2/2030-01-01T08:00:00Z/P1D}) or a cron expression with seconds ({@code 0 0 9 * * MON-FRI}), as
 * Camunda 8 accepts for timer start and boundary events. Cron cycles repeat without end.
 *
 * @param repetitions how many times the timer fires; -1 for no limit
 */
public record TimerCycle(int repetitions, Duration interval, Long start, Cron cron) {

  /** Parses a cycle; {@code where} names the element in the error. */
  public static TimerCycle parse(String text, long now, String where) {
    String trimmed = text.trim();
    if (trimmed.startsWith("R")) {
      String[] parts = trimmed.split("/");
      try {
        int repetitions = parts[0].length() == 1 ? -1 : Integer.parseInt(parts[0].substring(1));
        if (parts.length == 2) {
          return new TimerCycle(repetitions, Duration.parse(parts[1]), null, null);
        }
        if (parts.length == 3) {
          long start = ZonedDateTime.parse(parts[1]).toInstant().toEpochMilli();
          return new TimerCycle(repetitions, Duration.parse(parts[2]), start, null);
        }
      } catch (NumberFormatException | DateTimeParseException e) {
        // reported below
      }
      throw new ExpressionException(
          "expected the time cycle of '" + where + "' to be like R3/PT1H, but was '" + text + "'");
    }
    return new TimerCycle(-1, null, null, Cron.parse(trimmed, where));
  }

  /** When the cycle first fires, for a timer created at {@code now}. */
  public long firstDue(long now) {
    if (cron != null) {
      return cron.next(now);
    }
    return start != null ? start : now + interval.toMillis();
  }

  /** When it fires next after firing at {@code previous}. */
  public long nextDue(long previous) {
    return cron != null ? cron.next(previous) : previous + interval.toMillis();
  }

  /**
   * When it fires next after firing, late, at {@code now} for the due date {@code previous}: the
   * cadence is kept, but a timer that missed several due dates (the engine was down, or the clock
   * jumped) fires once for all of them rather than in a burst.
   */
  public long nextDue(long previous, long now) {
    long next = nextDue(previous);
    if (next > now) {
      return next;
    }
    return cron != null ? cron.next(now) : now + interval.toMillis();
  }

  /** A cron expression with six fields: second, minute, hour, day of month, month, day of week. */
  public record Cron(
      BitSet seconds,
      BitSet minutes,
      BitSet hours,
      BitSet daysOfMonth,
      BitSet months,
      BitSet daysOfWeek) {

    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    private static final String[] MONTHS = {
      "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
    };

    static Cron parse(String text, String where) {
      String[] fields = text.trim().toUpperCase(Locale.ROOT).split("\\s+");
      if (fields.length == 5) {
        fields = ("0 " + text.trim().toUpperCase(Locale.ROOT)).split("\\s+");
      }
      if (fields.length != 6) {
        throw new ExpressionException(
            "expected the time cycle of '"
                + where
                + "' to be R<n>/<duration> or a cron expression, but was '"
                + text
                + "'");
      }
      try {
        for (int i = 0; i < MONTHS.length; i++) {
          fields[4] = fields[4].replace(MONTHS[i], String.valueOf(i + 1));
        }
        for (int i = 0; i < DAYS.length; i++) {
          fields[5] = fields[5].replace(DAYS[i], String.valueOf(i));
        }
        BitSet daysOfWeek = field(fields[5], 0, 7);
        if (daysOfWeek.get(7)) {
          daysOfWeek.set(0);
        }
        return new Cron(
            field(fields[0], 0, 59),
            field(fields[1], 0, 59),
            field(fields[2], 0, 23),
            field(fields[3], 1, 31),
            field(fields[4], 1, 12),
            daysOfWeek);
      } catch (RuntimeException e) {
        throw new ExpressionException(
            "expected the cron expression of '" + where + "' to be valid, but was '" + text + "'");
      }
    }

    private static BitSet field(String text, int min, int max) {
      BitSet bits = new BitSet(max + 1);
      for (String item : text.split(",")) {
        int step = 1;
        String range = item;
        int slash = item.indexOf('/');
        if (slash >= 0) {
          step = Integer.parseInt(item.substring(slash + 1));
          range = item.substring(0, slash);
        }
        int from;
        int to;
        if (range.equals("*") || range.equals("?")) {
          from = min;
          to = max;
        } else if (range.contains("-")) {
          from = Integer.parseInt(range.substring(0, range.indexOf('-')));
          to = Integer.parseInt(range.substring(range.indexOf('-') + 1));
        } else {
          from = Integer.parseInt(range);
          to = slash >= 0 ? max : from;
        }
        if (from < min || to > max || from > to || step < 1) {
          throw new IllegalArgumentException(item);
        }
        for (int value = from; value <= to; value += step) {
          bits.set(value);
        }
      }
      return bits;
    }

    /** The first matching second strictly after {@code after}, in UTC. */
    public long next(long after) {
      ZonedDateTime t =
          Instant.ofEpochMilli(after)
              .atZone(ZoneOffset.UTC)
              .truncatedTo(ChronoUnit.SECONDS)
              .plusSeconds(1);
      for (int guard = 0; guard < 200_000; guard++) {
        if (!months.get(t.getMonthValue())) {
          t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
        } else if (!daysOfMonth.get(t.getDayOfMonth())
            || !daysOfWeek.get(t.getDayOfWeek().getValue() % 7)) {
          t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
        } else if (!hours.get(t.getHour())) {
          t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        } else if (!minutes.get(t.getMinute())) {
          t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        } else if (!seconds.get(t.getSecond())) {
          t = t.plusSeconds(1);
        } else {
          return t.toInstant().toEpochMilli();
        }
      }
      throw new ExpressionException("the cron expression never matches");
    }
  }
}
