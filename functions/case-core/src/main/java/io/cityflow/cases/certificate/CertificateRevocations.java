package io.cityflow.cases.certificate;

import io.cityflow.cases.AccessDenied;
import io.cityflow.cases.BusinessCalendar;
import io.cityflow.cases.CaseAccessPolicy;
import io.cityflow.cases.CaseNotFound;
import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseRuleViolation;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.Outbox;
import io.cityflow.cases.StaffPrincipal;
import io.cityflow.cases.StaffRole;
import io.cityflow.cases.TimelineEntry;
import io.cityflow.cases.TimelineEvent;
import io.cityflow.cases.TimelineStore;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * Staff's view of a case's certificate, and its revocation. Any clerk, supervisor or admin who may
 * work on the case sees it; only a supervisor of one of the case's departments, or an admin,
 * revokes it (ADR 0022). A revocation is final: it is never cleared, and revoking again changes
 * nothing. Cases outside the caller's departments look like cases that do not exist (ADR 0007). The
 * citizen is told by a notice that the outbox starts in the same transaction.
 */
@Singleton
public class CertificateRevocations {
  /** The longest reason taken: it is shown publicly and printed on the timeline. */
  public static final int MAX_REASON = 500;

  /** The notice template that tells the citizen (see {@code NoticeTemplates}). */
  public static final String NOTICE_TEMPLATE = "CERTIFICATE_REVOKED";

  private final CaseStore cases;
  private final CertificateStore certificates;
  private final CertificateRevocationStore revocations;
  private final TimelineStore timeline;
  private final Outbox outbox;
  private final ZoneId zone;
  private final Clock clock;

  public CertificateRevocations(
      CaseStore cases,
      CertificateStore certificates,
      CertificateRevocationStore revocations,
      TimelineStore timeline,
      Outbox outbox,
      BusinessCalendar calendar,
      Clock clock) {
    this.cases = cases;
    this.certificates = certificates;
    this.revocations = revocations;
    this.timeline = timeline;
    this.outbox = outbox;
    this.zone = calendar.zone();
    this.clock = clock;
  }

  /** A case's certificate as staff see it, with its status today. */
  public record StaffCertificate(
      Certificate certificate, CertificateStatus status, LocalDate revokedOn) {}

  /** No certificate was issued for a case the caller may see. */
  public static final class NoCertificate extends RuntimeException {
    public NoCertificate(String reference) {
      super("no certificate was issued for case " + reference);
    }
  }

  /** The certificate was revoked before; the first revocation stands. */
  public static final class AlreadyRevoked extends RuntimeException {
    public AlreadyRevoked(String number) {
      super("certificate " + number + " is already revoked");
    }
  }

  /**
   * The certificate of a case.
   *
   * @throws CaseNotFound for an unknown case, or one outside the caller's departments
   * @throws NoCertificate when none was issued
   */
  @Transactional
  public StaffCertificate forCase(StaffPrincipal staff, String reference) {
    CityCase c = workable(staff, reference);
    return view(certificates.findByCase(c.id()).orElseThrow(() -> new NoCertificate(reference)));
  }

  /**
   * Revokes the certificate of a case, with a reason that the public check shows, notes it on the
   * case's timeline (visible to the citizen), and asks the workflow to send the citizen a notice.
   *
   * @throws CaseNotFound for an unknown case, or one outside the caller's departments
   * @throws AccessDenied unless the caller is a supervisor of the case or an admin
   * @throws NoCertificate when none was issued
   * @throws AlreadyRevoked when it was revoked before (nothing is changed)
   * @throws CaseRuleViolation on field {@code reason} when it is blank or too long
   */
  @Transactional
  public StaffCertificate revoke(StaffPrincipal staff, String reference, String reason) {
    CityCase c = workable(staff, reference);
    if (!staff.has(StaffRole.SUPERVISOR) && !staff.has(StaffRole.ADMIN)) {
      throw new AccessDenied(
          "only a supervisor of the case's department or an administrator revokes certificates");
    }
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw new CaseRuleViolation("reason", "a revocation needs a reason");
    }
    if (why.length() > MAX_REASON) {
      throw new CaseRuleViolation("reason", "at most " + MAX_REASON + " characters");
    }
    Certificate certificate =
        certificates.findByCase(c.id()).orElseThrow(() -> new NoCertificate(reference));
    if (certificate.revocation() != null) {
      throw new AlreadyRevoked(certificate.number());
    }
    Instant now = clock.instant();
    Revocation revocation = new Revocation(now, staff.username(), why);
    // Conditional: of two revocations at once, one wins and the other is told it came second.
    if (!revocations.revoke(certificate.number(), revocation)) {
      throw new AlreadyRevoked(certificate.number());
    }
    timeline.append(
        TimelineEntry.of(
            c.id(),
            now,
            staff.username(),
            TimelineEntry.ActorKind.STAFF,
            TimelineEvent.CERTIFICATE_REVOKED,
            "Certificate " + certificate.number() + " revoked: " + why,
            true));
    outbox.enqueue(
        HolderNotices.request(
            certificate,
            "revoked",
            NOTICE_TEMPLATE,
            Map.of(
                "revokedOn", revocation.revokedAt().atZone(zone).toLocalDate().toString(),
                "revocationReason", revocation.reason()),
            revocation.revokedAt()));
    return view(certificate.revoked(revocation));
  }

  private StaffCertificate view(Certificate certificate) {
    LocalDate today = clock.instant().atZone(zone).toLocalDate();
    Revocation r = certificate.revocation();
    return new StaffCertificate(
        certificate,
        certificate.statusOn(today),
        r == null ? null : r.revokedAt().atZone(zone).toLocalDate());
  }

  private CityCase workable(StaffPrincipal staff, String reference) {
    CityCase c =
        cases
            .findByReference(CaseReference.parse(reference))
            .orElseThrow(() -> new CaseNotFound(reference));
    CaseAccessPolicy.requireMayWork(staff, c);
    return c;
  }
}
