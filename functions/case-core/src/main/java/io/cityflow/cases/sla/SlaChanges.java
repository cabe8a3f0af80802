package io.cityflow.cases.sla;

import io.cityflow.cases.BusinessCalendar;
import io.cityflow.cases.CaseNotFound;
import io.cityflow.cases.CaseRuleViolation;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.SlaPolicy;
import io.cityflow.cases.TimelineEntry;
import io.cityflow.cases.TimelineEvent;
import io.cityflow.cases.TimelineStore;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What the process's SLA timers do to a case: warn that the deadline is near, and extend it when a
 * supervisor grants more time. Extensions count in working days on the business calendar. Each
 * change carries a key (the job's), so a retried job does not extend twice.
 */
@Singleton
public class SlaChanges {
  /** The most working days one extension may grant (the escalation form allows 1–10). */
  public static final int MAX_EXTENSION_DAYS = 10;

  private final CaseStore cases;
  private final TimelineStore timeline;
  private final BusinessCalendar calendar;
  private final Clock clock;

  public SlaChanges(
      CaseStore cases, TimelineStore timeline, BusinessCalendar calendar, Clock clock) {
    this.cases = cases;
    this.timeline = timeline;
    this.calendar = calendar;
    this.clock = clock;
  }

  /**
   * Records the warning on the case for the department (not shown to the citizen).
   *
   * @return false when the case is already finished or waiting for the citizen, so no warning
   */
  @Transactional
  public boolean warn(UUID caseId, String changeKey) {
    CityCase c = load(caseId);
    if (c.status().isFinal() || c.slaPausedAt() != null || alreadyDone(caseId, changeKey)) {
      return false;
    }
    append(caseId, "SLA warning: due at " + c.slaDueAt() + " " + marker(changeKey), false);
    return true;
  }

  /**
   * Moves the deadline {@code workingDays} later, counted from the current deadline or from now if
   * that has passed, and sets the warning time at 75 % of the new remaining working time.
   *
   * @throws CaseRuleViolation when {@code workingDays} is not between 1 and {@link
   *     #MAX_EXTENSION_DAYS}
   */
  @Transactional
  public CityCase extend(UUID caseId, int workingDays, String reason, String changeKey) {
    if (workingDays < 1 || workingDays > MAX_EXTENSION_DAYS) {
      throw new CaseRuleViolation(
          "extensionWorkingDays", "extend by 1 to " + MAX_EXTENSION_DAYS + " working days");
    }
    CityCase c = load(caseId);
    if (alreadyDone(caseId, changeKey)) {
      return c;
    }
    Instant now = clock.instant();
    Instant from = c.slaDueAt() == null || c.slaDueAt().isBefore(now) ? now : c.slaDueAt();
    Instant due = calendar.addWorkingDays(from, workingDays);
    Duration left = calendar.workingTimeBetween(now, due);
    Instant warn =
        calendar.addWorkingTime(
            now, Duration.ofSeconds((long) (left.toSeconds() * SlaPolicy.WARN_AT_FRACTION)));
    CityCase extended = c.toBuilder().slaDueAt(due).slaWarnAt(warn).updatedAt(now).build();
    cases.update(extended);
    append(
        caseId,
        "Deadline extended by "
            + workingDays
            + " working day"
            + (workingDays == 1 ? "" : "s")
            + (reason == null || reason.isBlank() ? "" : ": " + reason)
            + " "
            + marker(changeKey),
        false);
    return extended;
  }

  private CityCase load(UUID caseId) {
    return cases.findById(caseId).orElseThrow(() -> new CaseNotFound(caseId.toString()));
  }

  private boolean alreadyDone(UUID caseId, String changeKey) {
    String marker = marker(changeKey);
    return timeline.forCase(caseId).stream()
        .anyMatch(e -> e.text() != null && e.text().endsWith(marker));
  }

  private static String marker(String changeKey) {
    return "[" + changeKey + "]";
  }

  private void append(UUID caseId, String text, boolean visibleToCitizen) {
    // The citizen sees the new expected date on the tracking page; these entries are for staff.
    timeline.append(
        TimelineEntry.of(
            caseId,
            clock.instant(),
            "workflow",
            TimelineEntry.ActorKind.SYSTEM,
            TimelineEvent.COMMENTED,
            text,
            visibleToCitizen));
  }
}
