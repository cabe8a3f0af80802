package io.cityflow.cases;

import java.time.LocalDate;
import java.util.List;

/**
 * One year of the official holiday arrangement: the days off and the weekend days that are worked
 * instead. Loaded from {@code holidays/cn-<year>.json} by {@link HolidayFiles}.
 *
 * @param provisional true while the year's official notice is not yet published and only the
 *     statutory days are known
 */
public record HolidayYear(
    int year,
    String source,
    boolean provisional,
    List<LocalDate> holidays,
    List<LocalDate> makeUpWorkdays) {

  public HolidayYear {
    holidays = List.copyOf(holidays);
    makeUpWorkdays = List.copyOf(makeUpWorkdays);
    for (LocalDate d : holidays) {
      if (d.getYear() != year && d.getYear() != year + 1 && d.getYear() != year - 1) {
        throw new IllegalArgumentException(d + " does not belong to " + year);
      }
    }
  }
}
