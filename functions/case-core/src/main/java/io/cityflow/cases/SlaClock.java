package io.cityflow.cases;

import java.time.Duration;
import java.time.Instant;

/**
 * Pauses the SLA while the city waits for the citizen and, on resume, moves the due and warning
 * times by the working time that passed during the pause.
 */
public final class SlaClock {
  private final BusinessCalendar calendar;

  public SlaClock(BusinessCalendar calendar) {
    this.calendar = calendar;
  }

  public CityCase pause(CityCase c, Instant at) {
    if (c.slaPausedAt() != null) {
      return c;
    }
    return c.toBuilder().slaPausedAt(at).build();
  }

  public CityCase resume(CityCase c, Instant at) {
    if (c.slaPausedAt() == null) {
      return c;
    }
    Duration paused = calendar.workingTimeBetween(c.slaPausedAt(), at);
    return c.toBuilder()
        .slaPausedAt(null)
        .slaDueAt(c.slaDueAt() == null ? null : calendar.addWorkingTime(c.slaDueAt(), paused))
        .slaWarnAt(c.slaWarnAt() == null ? null : calendar.addWorkingTime(c.slaWarnAt(), paused))
        .build();
  }
}
