package io.cityflow.cases;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What staff do with a case of their department. Every action lands on the timeline. */
@Singleton
public class StaffCases {
  private final CaseStore cases;
  private final TimelineStore timeline;
  private final Outbox outbox;
  private final Directory directory;
  private final CaseAttachments attachments;
  private final SlaClock slaClock;
  private final Clock clock;

  public StaffCases(
      CaseStore cases,
      TimelineStore timeline,
      Outbox outbox,
      Directory directory,
      CaseAttachments attachments,
      BusinessCalendar calendar,
      Clock clock) {
    this.cases = cases;
    this.timeline = timeline;
    this.outbox = outbox;
    this.directory = directory;
    this.attachments = attachments;
    this.slaClock = new SlaClock(calendar);
    this.clock = clock;
  }

  @Transactional
  public StaffView detail(StaffPrincipal staff, String reference) {
    CityCase c = workable(staff, reference);
    return new StaffView(c, timeline.forCase(c.id()));
  }

  @Transactional
  public StaffView comment(
      StaffPrincipal staff, String reference, String text, boolean visibleToCitizen) {
    CityCase c = workable(staff, reference);
    append(c, staff, TimelineEvent.COMMENTED, text, visibleToCitizen);
    return detail(staff, reference);
  }

  /** Hands the case to another department; the reason goes on the timeline. */
  @Transactional
  public StaffView transfer(
      StaffPrincipal staff, String reference, String toDepartment, String reason) {
    CityCase c = workable(staff, reference);
    Department target =
        directory
            .department(toDepartment)
            .orElseThrow(
                () -> new CaseRuleViolation("toDepartment", "no department " + toDepartment));
    if (target.code().equals(c.leadDepartment())) {
      throw new CaseRuleViolation("toDepartment", "the case is already with " + target.code());
    }
    Instant now = clock.instant();
    CityCase changed =
        c.moveTo(CaseStatus.TRANSFERRED, now).toBuilder()
            .departments(List.of(target.code()))
            .build();
    cases.update(changed);
    append(
        c,
        staff,
        TimelineEvent.TRANSFERRED,
        "Transferred from " + c.leadDepartment() + " to " + target.code() + ": " + reason,
        true);
    outbox.enqueue(
        new WorkflowCommand(
            UUID.randomUUID(),
            c.id(),
            CaseMessages.CASE_TRANSFERRED,
            c.id().toString(),
            c.id() + ":transferred:" + now.toEpochMilli(),
            Map.of(
                "caseId", c.id().toString(), "department", target.code(), "transferReason", reason),
            now));
    return new StaffView(changed, timeline.forCase(c.id()));
  }

  /** Asks the citizen for more; the SLA clock stops until they answer. */
  @Transactional
  public StaffView requestInformation(StaffPrincipal staff, String reference, String question) {
    CityCase c = workable(staff, reference);
    Instant now = clock.instant();
    CityCase changed = slaClock.pause(c.moveTo(CaseStatus.WAITING_FOR_CITIZEN, now), now);
    cases.update(changed);
    append(c, staff, TimelineEvent.INFORMATION_REQUESTED, question, true);
    return new StaffView(changed, timeline.forCase(c.id()));
  }

  /** Records the outcome; the citizen is then asked to rate it. */
  @Transactional
  public StaffView resolve(StaffPrincipal staff, String reference, String outcome, String reason) {
    CityCase c = workable(staff, reference);
    Instant now = clock.instant();
    CityCase changed =
        slaClock.pause(
            c.moveTo(CaseStatus.RESOLVED, now).toBuilder()
                .outcome(outcome)
                .outcomeReason(reason)
                .build(),
            now);
    cases.update(changed);
    append(c, staff, TimelineEvent.RESOLVED, outcome + ": " + reason, true);
    return new StaffView(changed, timeline.forCase(c.id()));
  }

  /** Moves the case to another status (start work, reject, cancel) along the lifecycle. */
  @Transactional
  public StaffView changeStatus(
      StaffPrincipal staff, String reference, CaseStatus next, String reason) {
    CityCase c = workable(staff, reference);
    Instant now = clock.instant();
    CityCase moved = c.moveTo(next, now);
    if (next == CaseStatus.REJECTED) {
      moved = moved.toBuilder().outcome("REJECTED").outcomeReason(reason).build();
    }
    CityCase changed = next.pausesSla() ? slaClock.pause(moved, now) : slaClock.resume(moved, now);
    cases.update(changed);
    append(
        c,
        staff,
        TimelineEvent.STATUS_CHANGED,
        c.status() + " → " + next + (reason == null || reason.isBlank() ? "" : ": " + reason),
        true);
    return new StaffView(changed, timeline.forCase(c.id()));
  }

  /**
   * Sets the language the citizen gets notices in, e.g. when they ask for English on the hotline
   * (docs/adr/0023, addendum). Any status will do: a closed case may still get a notice. The change
   * goes on the timeline, visible to the citizen; setting the language the case already has changes
   * nothing and adds no entry.
   *
   * @throws CaseNotFound for an unknown case, or one outside the caller's departments
   * @throws CaseRuleViolation on field {@code language} when it is null
   */
  @Transactional
  public StaffView changeNoticeLanguage(
      StaffPrincipal staff, String reference, NoticeLanguage language) {
    CityCase c = workable(staff, reference);
    if (language == null) {
      throw new CaseRuleViolation("language", "must be one of zh-CN, en");
    }
    if (language == c.language()) {
      return new StaffView(c, timeline.forCase(c.id()));
    }
    CityCase changed = c.toBuilder().language(language).updatedAt(clock.instant()).build();
    cases.update(changed);
    append(
        c,
        staff,
        TimelineEvent.NOTICE_LANGUAGE_CHANGED,
        "Notice language set to "
            + languageName(language)
            + " (was "
            + languageName(c.language())
            + ")",
        true);
    return new StaffView(changed, timeline.forCase(c.id()));
  }

  private static String languageName(NoticeLanguage language) {
    if (language == null) {
      return "both languages";
    }
    return switch (language) {
      case CHINESE -> "Chinese";
      case ENGLISH -> "English";
    };
  }

  /** The files of a case of the staff member's departments. */
  @Transactional
  public List<CaseAttachment> attachments(StaffPrincipal staff, String reference) {
    return attachments.list(workable(staff, reference));
  }

  /** One file of a case of the staff member's departments. */
  @Transactional
  public CaseAttachments.Download attachment(
      StaffPrincipal staff, String reference, UUID attachmentId) {
    return attachments.download(workable(staff, reference), attachmentId);
  }

  private CityCase workable(StaffPrincipal staff, String reference) {
    CaseReference ref = CaseReference.parse(reference);
    CityCase c = cases.findByReference(ref).orElseThrow(() -> new CaseNotFound(reference));
    CaseAccessPolicy.requireMayWork(staff, c);
    return c;
  }

  private void append(
      CityCase c, StaffPrincipal staff, TimelineEvent event, String text, boolean visible) {
    timeline.append(
        TimelineEntry.of(
            c.id(),
            clock.instant(),
            staff.username(),
            TimelineEntry.ActorKind.STAFF,
            event,
            text,
            visible));
  }
}
