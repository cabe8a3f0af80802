package io.cityflow.cases.certificate;

import io.cityflow.cases.AttachmentCatalog;
import io.cityflow.cases.AttachmentStore;
import io.cityflow.cases.BusinessCalendar;
import io.cityflow.cases.CaseAttachment;
import io.cityflow.cases.CaseNotFound;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CitizenContact;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.TimelineEntry;
import io.cityflow.cases.TimelineEvent;
import io.cityflow.cases.TimelineStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues the certificate of an approved application ({@link CertificateVerification} answers
 * whether one is genuine). One certificate per case: issuing again returns the first one, so a
 * retried job neither prints a second document nor invalidates the code the citizen already has.
 * The document is one of the case's files, so citizen and staff find it among its attachments. The
 * issuer and the validity in force at issue ({@link CertificatePolicy}) are recorded with it.
 *
 * <p>Only where a {@link CertificateRenderer} is (the workers): the case API verifies certificates
 * but never issues them.
 */
@Singleton
@Requires(beans = CertificateRenderer.class)
public class Certificates {
  private final CaseStore cases;
  private final CertificateStore certificates;
  private final CertificateRenderer renderer;
  private final AttachmentStore attachments;
  private final AttachmentCatalog catalog;
  private final TimelineStore timeline;
  private final BusinessCalendar calendar;
  private final Clock clock;
  private final CertificatePolicy policy;

  public Certificates(
      CaseStore cases,
      CertificateStore certificates,
      CertificateRenderer renderer,
      AttachmentStore attachments,
      AttachmentCatalog catalog,
      TimelineStore timeline,
      BusinessCalendar calendar,
      Clock clock,
      CertificatePolicy policy) {
    this.cases = cases;
    this.certificates = certificates;
    this.renderer = renderer;
    this.attachments = attachments;
    this.catalog = catalog;
    this.timeline = timeline;
    this.calendar = calendar;
    this.clock = clock;
    this.policy = policy;
  }

  /**
   * Issues the certificate of a case, or returns the one already issued.
   *
   * @param permitType what was permitted (the process's {@code permitType})
   * @throws CaseNotFound for an unknown case
   */
  @Transactional
  public Certificate issue(UUID caseId, String permitType) {
    Optional<Certificate> earlier = certificates.findByCase(caseId);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    CityCase c = cases.findById(caseId).orElseThrow(() -> new CaseNotFound(caseId.toString()));
    Instant now = clock.instant();
    String code = VerificationCodes.generate();
    CitizenContact contact = c.contact();
    String permit = permitType == null || permitType.isBlank() ? c.category() : permitType;
    LocalDate issuedOn = now.atZone(calendar.zone()).toLocalDate();
    Certificate draft =
        new Certificate(
            c.reference() + "-C",
            caseId,
            c.reference().toString(),
            contact == null || contact.name() == null ? "(not given)" : contact.name(),
            permit,
            issuedOn,
            null,
            now,
            policy.issuer().orElse(null),
            policy.validUntil(permit, issuedOn).orElse(null),
            null);
    byte[] document = renderer.render(draft, code);
    // The file is written before the rows: a crash in between leaves an unreferenced file, never a
    // certificate whose document is missing. The rows commit together, so a retry that finds the
    // certificate finds its catalogue entry too.
    AttachmentStore.StoredAttachment stored =
        attachments.putCertificate(
            caseId, draft.number() + ".pdf", renderer.contentType(), document);
    Certificate issued = draft.withDocumentKey(stored.key());
    certificates.insert(issued, VerificationCodes.hash(code));
    catalog.add(
        new CaseAttachment(
            UUID.randomUUID(),
            caseId,
            stored.key(),
            stored.fileName(),
            stored.contentType(),
            stored.size(),
            "workflow",
            now));
    timeline.append(
        TimelineEntry.of(
            caseId,
            now,
            "workflow",
            TimelineEntry.ActorKind.SYSTEM,
            TimelineEvent.ATTACHMENT_ADDED,
            "Certificate " + issued.number() + " issued",
            true));
    return issued;
  }
}
