package io.cityflow.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the workflow tells the case: the process routed it, work started, the outcome is ready.
 * Repeats are harmless (a job may run twice): an update to the status the case already has moves
 * nothing, though an outcome it brings is still recorded. A milestone that skips statuses
 * (submitted → in progress) walks the shortest allowed path of the lifecycle, and each step lands
 * on the timeline.
 */
@Singleton
public class WorkflowCaseUpdates {
  private final CaseStore cases;
  private final TimelineStore timeline;
  private final Directory directory;
  private final SlaClock slaClock;
  private final Clock clock;

  public WorkflowCaseUpdates(
      CaseStore cases,
      TimelineStore timeline,
      Directory directory,
      BusinessCalendar calendar,
      Clock clock) {
    this.cases = cases;
    this.timeline = timeline;
    this.directory = directory;
    this.slaClock = new SlaClock(calendar);
    this.clock = clock;
  }

  /**
   * One status report from the process.
   *
   * @param processInstanceKey the instance that sent the report
   * @param processId the BPMN process id of that instance; null when the caller knows the report
   *     comes from the case's own process
   */
  public record StatusUpdate(
      UUID caseId,
      CaseStatus status,
      @Nullable String department,
      @Nullable String outcome,
      @Nullable String outcomeReason,
      @Nullable Long processInstanceKey,
      @Nullable String processId) {

    /** A report from the case's own process. */
    public StatusUpdate(
        UUID caseId,
        CaseStatus status,
        @Nullable String department,
        @Nullable String outcome,
        @Nullable String outcomeReason,
        @Nullable Long processInstanceKey) {
      this(caseId, status, department, outcome, outcomeReason, processInstanceKey, null);
    }
  }

  /**
   * Applies the update and returns the case as it now is.
   *
   * @throws CaseNotFound for an unknown case id
   * @throws IllegalTransition when the lifecycle does not allow the move
   */
  @Transactional
  public CityCase apply(StatusUpdate update) {
    CityCase c =
        cases
            .findById(update.caseId())
            .orElseThrow(() -> new CaseNotFound(update.caseId().toString()));
    CityCase.Builder changed = c.toBuilder();
    // The task list finds a case by the instance of its own process, so only that instance's key
    // is recorded. Called processes (request-information, notify-citizen) report the parent's case
    // with their own instance key, and may report first (an application missing documents is
    // paused by request-information before its own process reports anything), so "record when
    // absent" would keep the wrong key. A hotline child ticket is a case of its own opened with
    // the hotline-child-ticket instance's key; its reports keep that key.
    if (update.processInstanceKey() != null
        && (update.processId() == null || update.processId().equals(c.type().processId()))) {
      changed.processInstanceKey(update.processInstanceKey());
    }
    boolean newDepartment =
        update.department() != null && !update.department().equals(c.leadDepartment());
    if (newDepartment) {
      directory
          .department(update.department())
          .orElseThrow(
              () -> new CaseRuleViolation("department", "no department " + update.department()));
      changed.departments(List.of(update.department()));
    }
    Instant now = clock.instant();
    CityCase result = changed.build();
    if (c.status() != update.status()) {
      List<CaseStatus> steps = CaseTransitions.path(c.status(), update.status());
      if (steps.isEmpty()) {
        throw new IllegalTransition(c.status(), update.status());
      }
      CaseStatus before = c.status();
      for (CaseStatus step : steps) {
        result = result.moveTo(step, now);
        timeline.append(
            TimelineEntry.of(
                c.id(),
                now,
                "workflow",
                TimelineEntry.ActorKind.SYSTEM,
                TimelineEvent.STATUS_CHANGED,
                before + " → " + step + (newDepartment ? " (" + update.department() + ")" : ""),
                true));
        before = step;
      }
      result =
          update.status().pausesSla() ? slaClock.pause(result, now) : slaClock.resume(result, now);
    }
    // The outcome is applied even when the status is already there: the citizen's rating may have
    // closed the case before the process reports how it ended. Only what is given is copied.
    if (update.outcome() != null || update.outcomeReason() != null) {
      CityCase.Builder withOutcome = result.toBuilder();
      if (update.outcome() != null) {
        withOutcome.outcome(update.outcome());
      }
      if (update.outcomeReason() != null) {
        withOutcome.outcomeReason(update.outcomeReason());
      }
      result = withOutcome.build();
    }
    if (!result.equals(c)) {
      cases.update(result);
    }
    return result;
  }
}
