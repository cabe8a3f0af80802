package io.cityflow.cases.opening;

import io.cityflow.cases.BusinessCalendar;
import io.cityflow.cases.CaseNotFound;
import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseRuleViolation;
import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CaseType;
import io.cityflow.cases.Channel;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.Directory;
import io.cityflow.cases.Location;
import io.cityflow.cases.Priority;
import io.cityflow.cases.SlaPolicy;
import io.cityflow.cases.TimelineEntry;
import io.cityflow.cases.TimelineEvent;
import io.cityflow.cases.TimelineStore;
import io.cityflow.cases.TrackingCodes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Cases that the workflow, not a citizen, opens: the child tickets of a split hotline ticket and
 * the maintenance cases of device alarms; and the repeats of an alarm on its open case. Each
 * opening is recorded under a key that stays the same when the job is retried, so a retry returns
 * the case the first attempt opened.
 */
@Singleton
public class WorkflowCaseOpenings {
  private final CaseStore cases;
  private final TimelineStore timeline;
  private final OpenedCaseLedger ledger;
  private final Directory directory;
  private final BusinessCalendar calendar;
  private final TrackingCodes trackingCodes;
  private final Clock clock;

  public WorkflowCaseOpenings(
      CaseStore cases,
      TimelineStore timeline,
      OpenedCaseLedger ledger,
      Directory directory,
      BusinessCalendar calendar,
      TrackingCodes trackingCodes,
      Clock clock) {
    this.cases = cases;
    this.timeline = timeline;
    this.ledger = ledger;
    this.directory = directory;
    this.calendar = calendar;
    this.trackingCodes = trackingCodes;
    this.clock = clock;
  }

  /**
   * Opens the child ticket of one department, queued there with the parent's deadline.
   *
   * @param slaDueAt the parent's deadline, or null to use the parent's current one
   * @throws CaseNotFound for an unknown parent
   * @throws CaseRuleViolation for an unknown department
   */
  @Transactional
  public CityCase openChildTicket(
      String openingKey,
      UUID parentCaseId,
      String department,
      @Nullable String instructions,
      @Nullable Instant slaDueAt,
      long processInstanceKey) {
    Optional<CityCase> earlier = earlier(openingKey);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    CityCase parent =
        cases.findById(parentCaseId).orElseThrow(() -> new CaseNotFound(parentCaseId.toString()));
    requireDepartment(department);
    Instant now = clock.instant();
    Instant due = slaDueAt != null ? slaDueAt : parent.slaDueAt();
    CityCase child =
        newCase(now)
            .type(CaseType.HOTLINE_TICKET)
            .channel(parent.channel())
            .contact(parent.contact())
            .subject(truncate("Part of " + parent.reference() + ": " + parent.subject(), 200))
            .description(instructions)
            .category(parent.category())
            .location(parent.location())
            .departments(List.of(department))
            .priority(parent.priority())
            .slaDueAt(due)
            .slaWarnAt(due == null ? null : warnBefore(now, due))
            .processInstanceKey(processInstanceKey)
            .build();
    cases.insert(child);
    ledger.record(openingKey, child.id(), parentCaseId, now);
    append(child.id(), now, "Opened for " + department + " as part of " + parent.reference());
    append(parentCaseId, now, "Child ticket " + child.reference() + " opened for " + department);
    return child;
  }

  /**
   * Opens the maintenance case of a device alarm, with the priority, deadline and department the
   * decision table gave. Emergencies count clock hours, everything else working hours.
   */
  @Transactional
  public CityCase openMaintenanceCase(
      String openingKey, DeviceAlarm alarm, MaintenanceDecision decision, long processInstanceKey) {
    Optional<CityCase> earlier = earlier(openingKey);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    requireDepartment(decision.department());
    Instant now = clock.instant();
    // Whole seconds: the deadlines returned now and those read back by a retry must be equal.
    Instant start =
        (alarm.alertedAt() == null ? now : alarm.alertedAt()).truncatedTo(ChronoUnit.SECONDS);
    Duration target = Duration.ofHours(decision.slaHours());
    Duration warnAfter =
        Duration.ofSeconds((long) (target.toSeconds() * SlaPolicy.WARN_AT_FRACTION));
    Instant due;
    Instant warn;
    if (decision.isEmergency()) {
      due = start.plus(target);
      warn = start.plus(warnAfter);
    } else {
      due = calendar.addWorkingTime(start, target);
      warn = calendar.addWorkingTime(start, warnAfter);
    }
    CityCase c =
        newCase(now)
            .type(CaseType.DEVICE_MAINTENANCE)
            .channel(Channel.DEVICE)
            .subject(
                truncate(
                    alarm.alarmType() + " alarm: " + alarm.deviceType() + " " + alarm.deviceId(),
                    200))
            .description(alarm.cause())
            .category(alarm.deviceType() + ":" + alarm.alarmType())
            .location(new Location(alarm.location(), null, null))
            .departments(List.of(decision.department()))
            .priority(priorityOf(decision.priority()))
            .slaDueAt(due)
            .slaWarnAt(warn)
            .processInstanceKey(processInstanceKey)
            .build();
    cases.insert(c);
    ledger.record(openingKey, c.id(), null, now);
    append(
        c.id(),
        now,
        "Opened by alarm event "
            + alarm.alertEventId()
            + " of device "
            + alarm.deviceId()
            + " ("
            + decision.priority()
            + ", due in "
            + decision.slaHours()
            + (decision.isEmergency() ? " hours)" : " working hours)"));
    return c;
  }

  /**
   * Counts a repeated alarm on its open case. The same repeat event recorded twice counts once.
   *
   * @return whether this call recorded it (false when it was already there)
   */
  @Transactional
  public boolean recordRepeatAlert(UUID caseId, String eventId, int repeatCount, Instant at) {
    cases.findById(caseId).orElseThrow(() -> new CaseNotFound(caseId.toString()));
    String marker = "[event " + eventId + "]";
    boolean known =
        timeline.forCase(caseId).stream()
            .anyMatch(e -> e.text() != null && e.text().endsWith(marker));
    if (known) {
      return false;
    }
    append(
        caseId,
        at == null ? clock.instant() : at,
        "Alarm repeated, " + repeatCount + " repeats so far " + marker);
    return true;
  }

  private Optional<CityCase> earlier(String openingKey) {
    return ledger
        .find(openingKey)
        .map(
            id ->
                cases
                    .findById(id)
                    .orElseThrow(() -> new IllegalStateException("ledger entry without its case")));
  }

  private CityCase.Builder newCase(Instant now) {
    int year = now.atZone(calendar.zone()).getYear();
    UUID id = UUID.randomUUID();
    return new CityCase.Builder()
        .id(id)
        .reference(new CaseReference(year, cases.nextReferenceNumber(year)))
        .status(CaseStatus.ROUTED)
        .trackingCodeHash(TrackingCodes.hash(trackingCodes.codeFor(id)))
        .formDataJson("{}")
        .submittedAt(now)
        .updatedAt(now);
  }

  private void requireDepartment(String department) {
    if (department == null || directory.department(department).isEmpty()) {
      throw new CaseRuleViolation("department", "no department " + department);
    }
  }

  private Instant warnBefore(Instant now, Instant due) {
    Duration left = calendar.workingTimeBetween(now, due);
    return calendar.addWorkingTime(
        now, Duration.ofSeconds((long) (left.toSeconds() * SlaPolicy.WARN_AT_FRACTION)));
  }

  private void append(UUID caseId, Instant at, String text) {
    timeline.append(
        TimelineEntry.of(
            caseId,
            at,
            "workflow",
            TimelineEntry.ActorKind.SYSTEM,
            TimelineEvent.COMMENTED,
            text,
            false));
  }

  static Priority priorityOf(String maintenancePriority) {
    return switch (maintenancePriority) {
      case "EMERGENCY", "URGENT" -> Priority.URGENT;
      case "HIGH" -> Priority.HIGH;
      case "LOW" -> Priority.LOW;
      default -> Priority.NORMAL;
    };
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
