package io.cityflow.cases;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a citizen can do with the reference and tracking code, and nothing else: read the case,
 * answer a request for information, rate the outcome.
 */
@Singleton
public class CitizenCases {
  /** Ratings at or below this reopen a hotline ticket. */
  public static final int UNHAPPY_AT_OR_BELOW = 2;

  private final CaseStore cases;
  private final TimelineStore timeline;
  private final Outbox outbox;
  private final CaseAttachments attachments;
  private final SlaClock slaClock;
  private final Clock clock;

  public CitizenCases(
      CaseStore cases,
      TimelineStore timeline,
      Outbox outbox,
      CaseAttachments attachments,
      BusinessCalendar calendar,
      Clock clock) {
    this.cases = cases;
    this.timeline = timeline;
    this.outbox = outbox;
    this.attachments = attachments;
    this.slaClock = new SlaClock(calendar);
    this.clock = clock;
  }

  @Transactional
  public CitizenView track(String reference, String trackingCode) {
    CityCase c = authorised(reference, trackingCode);
    List<TimelineEntry> visible =
        timeline.forCase(c.id()).stream().filter(TimelineEntry::visibleToCitizen).toList();
    return new CitizenView(c, visible);
  }

  /** Answers the department's question; the SLA clock runs again and work resumes. */
  @Transactional
  public CitizenView provideInformation(
      String reference, String trackingCode, String text, List<NewAttachment> files) {
    CityCase c = authorised(reference, trackingCode);
    if (c.status() != CaseStatus.WAITING_FOR_CITIZEN) {
      throw new CaseRuleViolation("status", "nobody has asked for more information on this case");
    }
    CaseAttachments.check("attachments", files);
    Instant now = clock.instant();
    CityCase changed = slaClock.resume(c, now).moveTo(CaseStatus.IN_PROGRESS, now);
    cases.update(changed);
    timeline.append(
        TimelineEntry.of(
            c.id(),
            now,
            "citizen",
            TimelineEntry.ActorKind.CITIZEN,
            TimelineEvent.INFORMATION_PROVIDED,
            text,
            true));
    attachments.attach(
        c.id(), "attachments", files, "citizen", TimelineEntry.ActorKind.CITIZEN, now);
    outbox.enqueue(
        new WorkflowCommand(
            UUID.randomUUID(),
            c.id(),
            CaseMessages.INFORMATION_PROVIDED,
            c.id().toString(),
            c.id() + ":information:" + now.toEpochMilli(),
            Map.of("caseId", c.id().toString(), "informationText", text),
            now));
    return track(reference, trackingCode);
  }

  /** Rates a resolved case: a happy rating closes it, an unhappy one reopens a hotline ticket. */
  @Transactional
  public CitizenView rate(String reference, String trackingCode, int score, String comment) {
    if (score < 1 || score > 5) {
      throw new CaseRuleViolation("score", "rate from 1 (very unhappy) to 5 (very happy)");
    }
    CityCase c = authorised(reference, trackingCode);
    if (c.status() != CaseStatus.RESOLVED) {
      throw new CaseRuleViolation("status", "only a resolved case can be rated");
    }
    Instant now = clock.instant();
    boolean reopen = score <= UNHAPPY_AT_OR_BELOW && c.type() == CaseType.HOTLINE_TICKET;
    CityCase rated = c.toBuilder().rating(score).ratingComment(comment).build();
    CityCase changed =
        reopen
            ? slaClock.resume(rated, now).moveTo(CaseStatus.REOPENED, now)
            : rated.moveTo(CaseStatus.CLOSED, now);
    cases.update(changed);
    timeline.append(
        TimelineEntry.of(
            c.id(),
            now,
            "citizen",
            TimelineEntry.ActorKind.CITIZEN,
            reopen ? TimelineEvent.REOPENED : TimelineEvent.RATED,
            "Rated " + score + "/5" + (comment == null || comment.isBlank() ? "" : ": " + comment),
            true));
    outbox.enqueue(
        new WorkflowCommand(
            UUID.randomUUID(),
            c.id(),
            CaseMessages.CASE_RATED,
            c.id().toString(),
            c.id() + ":rated:" + now.toEpochMilli(),
            Map.of("caseId", c.id().toString(), "rating", score, "satisfied", !reopen),
            now));
    return track(reference, trackingCode);
  }

  /** The case's files, for the citizen who holds its tracking code. */
  @Transactional
  public List<CaseAttachment> attachments(String reference, String trackingCode) {
    return attachments.list(authorised(reference, trackingCode));
  }

  /** One file of the case, for the citizen who holds its tracking code. */
  @Transactional
  public CaseAttachments.Download attachment(
      String reference, String trackingCode, UUID attachmentId) {
    return attachments.download(authorised(reference, trackingCode), attachmentId);
  }

  private CityCase authorised(String reference, String trackingCode) {
    CaseReference ref = CaseReference.parse(reference);
    CityCase c = cases.findByReference(ref).orElseThrow(() -> new CaseNotFound(reference));
    if (!TrackingCodes.matches(trackingCode, c.trackingCodeHash())) {
      throw new CaseNotFound(reference);
    }
    return c;
  }
}
