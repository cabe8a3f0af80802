package io.cityflow.cases;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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
  private final StartForms startForms;
  private final CaseAttachments attachments;
  private final IdempotencyWindow window;
  private final Clock clock;

  public CaseIntake(
      CaseStore cases,
      TimelineStore timeline,
      Outbox outbox,
      IdempotencyStore idempotency,
      BusinessCalendar calendar,
      SlaPolicy sla,
      TrackingCodes trackingCodes,
      StartForms startForms,
      CaseAttachments attachments,
      IdempotencyWindow window,
      Clock clock) {
    this.cases = cases;
    this.timeline = timeline;
    this.outbox = outbox;
    this.idempotency = idempotency;
    this.calendar = calendar;
    this.sla = sla;
    this.trackingCodes = trackingCodes;
    this.startForms = startForms;
    this.attachments = attachments;
    this.window = window;
    this.clock = clock;
  }

  /**
   * Submits a citizen's case after checking it against the start form of its type, the same rules
   * the form enforces in the browser; a submission that fails them stores nothing.
   *
   * @param requestHash a hash of the canonical request including the files
   * @param formData the form's answers that have no field of their own in {@code request}
   * @param files documents and photos; stored only with a new case, not on a replay
   * @throws FormRejected naming every field at fault, or the type when citizens cannot start it
   */
  @Transactional
  public SubmissionReceipt submitForm(
      String idempotencyKey,
      String requestHash,
      SubmitCase request,
      Map<String, ?> formData,
      List<NewAttachment> files) {
    FormSchema form =
        startForms
            .startForm(request.type())
            .orElseThrow(
                () ->
                    new FormRejected(
                        List.of(
                            new CaseRuleViolation(
                                "type",
                                request.type() == CaseType.DEVICE_MAINTENANCE
                                    ? "device maintenance cases are opened by the devices"
                                        + " themselves; report a broken device as a"
                                        + " HOTLINE_TICKET"
                                    : "citizens cannot start this type of case"))));
    Map<String, Object> answers = new HashMap<>(formData);
    put(answers, "subject", request.subject());
    put(answers, "description", request.description());
    put(answers, "category", request.category());
    put(answers, "address", request.location() == null ? null : request.location().address());
    put(answers, "contactName", request.contact() == null ? null : request.contact().name());
    put(answers, "contactPhone", request.contact() == null ? null : request.contact().phone());
    List<CaseRuleViolation> problems =
        form.check(
            answers, Map.of(), key -> FORM_KEYS_IN_REQUEST.getOrDefault(key, "formData." + key));
    if (!problems.isEmpty()) {
      throw new FormRejected(problems);
    }
    CaseAttachments.check("attachments", files);
    Optional<SubmissionReceipt> earlier = earlier(idempotencyKey, requestHash);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    SubmissionReceipt receipt = create(idempotencyKey, requestHash, request, formData);
    attachments.attach(
        receipt.caseId(),
        "attachments",
        files,
        "citizen",
        TimelineEntry.ActorKind.CITIZEN,
        clock.instant());
    return receipt;
  }

  /** Start-form keys that the request carries as fields of its own, and where. */
  private static final Map<String, String> FORM_KEYS_IN_REQUEST =
      Map.of(
          "subject", "subject",
          "description", "description",
          "category", "category",
          "address", "location.address",
          "contactName", "contact.name",
          "contactPhone", "contact.phone");

  private static void put(Map<String, Object> answers, String key, String value) {
    if (value != null) {
      answers.put(key, value);
    }
  }

  /**
   * Submits a case, or repeats the answer to an earlier submission with the same key and request.
   *
   * @param requestHash a hash of the canonical request, to tell a retry from a different request
   * @throws IdempotencyConflict when the key was used with a different request
   */
  @Transactional
  public SubmissionReceipt submit(String idempotencyKey, String requestHash, SubmitCase request) {
    return earlier(idempotencyKey, requestHash)
        .orElseGet(() -> create(idempotencyKey, requestHash, request, Map.of()));
  }

  /**
   * The answer to an earlier submission with this key, while the key is within its window. An
   * expired key the clean-up job has not removed yet is removed here, and the key is new again.
   */
  private Optional<SubmissionReceipt> earlier(String idempotencyKey, String requestHash) {
    Optional<IdempotencyStore.IdempotentSubmission> earlier = idempotency.find(idempotencyKey);
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    if (window.expired(earlier.get().createdAt(), clock.instant())) {
      idempotency.delete(idempotencyKey);
      return Optional.empty();
    }
    return Optional.of(replay(earlier.get(), requestHash));
  }

  private SubmissionReceipt create(
      String idempotencyKey, String requestHash, SubmitCase request, Map<String, ?> formAnswers) {
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
            .language(request.language())
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
    outbox.enqueue(startCommand(c, formAnswers, now));
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

  /**
   * The message that starts the case's process; message id = case id makes it idempotent. The start
   * form's answers become process variables (routing reads the district, for one); the case's own
   * facts are set after them, so an answer can never pose as one. Contact details stay in the case
   * database.
   */
  static WorkflowCommand startCommand(CityCase c, Map<String, ?> formAnswers, Instant now) {
    Map<String, Object> vars = new HashMap<>(formAnswers);
    vars.put("subject", c.subject());
    if (c.description() != null) {
      vars.put("description", c.description());
    }
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
