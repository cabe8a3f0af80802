package io.cityflow.cases;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes in new cases. The case, its first timeline entry, the Idempotency-Key and the command that
 * starts its process are written in one transaction, so a submission either exists completely or
 * not at all, and a retry with the same key finds it instead of creating another.
 */
@Singleton
public class CaseIntake {
  private final CaseStore cases;
  private final TimelineStore timeline;
  private final Outbox outbox;
  private final IdempotencyStore idempotency;
  private final BusinessCalendar calendar;
  private final SlaPolicy sla;
  private final TrackingCodes trackingCodes;
  private final Clock clock;

  public CaseIntake(
      CaseStore cases,
      TimelineStore timeline,
      Outbox outbox,
      IdempotencyStore idempotency,
      BusinessCalendar calendar,
      SlaPolicy sla,
      TrackingCodes trackingCodes,
      Clock clock) {
    this.cases = cases;
    this.timeline = timeline;
    this.outbox = outbox;
    this.idempotency = idempotency;
    this.calendar = calendar;
    this.sla = sla;
    this.trackingCodes = trackingCodes;
    this.clock = clock;
  }

  /**
   * Submits a case, or repeats the answer to an earlier submission with the same key and request.
   *
   * @param requestHash a hash of the canonical request, to tell a retry from a different request
   * @throws IdempotencyConflict when the key was used with a different request
   */
  @Transactional
  public SubmissionReceipt submit(String idempotencyKey, String requestHash, SubmitCase request) {
    Optional<IdempotencyStore.IdempotentSubmission> earlier = idempotency.find(idempotencyKey);
    if (earlier.isPresent()) {
      return replay(earlier.get(), requestHash);
    }
    Instant now = clock.instant();
    int year = now.atZone(calendar.zone()).getYear();
    CaseReference reference = new CaseReference(year, cases.nextReferenceNumber(year));
    UUID id = UUID.randomUUID();
    String code = trackingCodes.codeFor(id);
    Priority priority = request.priority() == null ? Priority.NORMAL : request.priority();
    SlaPolicy.SlaDeadlines deadlines = sla.deadlines(calendar, request.type(), priority, now);
    CityCase c =
        new CityCase.Builder()
            .id(id)
            .reference(reference)
            .type(request.type())
            .channel(request.channel())
            .contact(request.contact())
            .subject(request.subject())
            .description(request.description())
            .category(request.category())
            .location(request.location())
            .departments(InitialRouting.departmentsFor(request.type(), request.category()))
            .priority(priority)
            .status(CaseStatus.SUBMITTED)
            .formDataJson(request.formDataJson())
            .trackingCodeHash(TrackingCodes.hash(code))
            .submittedAt(now)
            .updatedAt(now)
            .slaDueAt(deadlines.dueAt())
            .slaWarnAt(deadlines.warnAt())
            .build();
    cases.insert(c);
    timeline.append(
        TimelineEntry.of(
            id,
            now,
            "citizen",
            TimelineEntry.ActorKind.CITIZEN,
            TimelineEvent.SUBMITTED,
            "Submitted through " + request.channel().name().toLowerCase(),
            true));
    outbox.enqueue(startCommand(c, now));
    idempotency.save(
        new IdempotencyStore.IdempotentSubmission(idempotencyKey, requestHash, id, now));
    return new SubmissionReceipt(id, reference, code, c.status(), c.slaDueAt(), false);
  }

  private SubmissionReceipt replay(
      IdempotencyStore.IdempotentSubmission earlier, String requestHash) {
    if (!earlier.requestHash().equals(requestHash)) {
      throw new IdempotencyConflict();
    }
    CityCase c =
        cases
            .findById(earlier.caseId())
            .orElseThrow(() -> new IllegalStateException("idempotency key without its case"));
    return new SubmissionReceipt(
        c.id(), c.reference(), trackingCodes.codeFor(c.id()), c.status(), c.slaDueAt(), true);
  }

  /** The message that starts the case's process; message id = case id makes it idempotent. */
  static WorkflowCommand startCommand(CityCase c, Instant now) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("caseId", c.id().toString());
    vars.put("reference", c.reference().toString());
    vars.put("caseType", c.type().name());
    vars.put("processId", c.type().processId());
    vars.put("channel", c.channel().name());
    vars.put("category", c.category() == null ? "" : c.category());
    vars.put("priority", c.priority().name());
    vars.put("department", c.leadDepartment());
    vars.put("departments", c.departments());
    vars.put("slaDueAt", c.slaDueAt().toString());
    vars.put("slaWarnAt", c.slaWarnAt().toString());
    return new WorkflowCommand(
        UUID.randomUUID(),
        c.id(),
        CaseMessages.startMessage(c.type()),
        c.id().toString(),
        c.id().toString(),
        vars,
        now);
  }
}
