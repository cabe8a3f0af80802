package io.cityflow.cases.certificate;

import io.cityflow.cases.BusinessCalendar;
import io.cityflow.cases.CitizenContact;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The public question "is this certificate genuine, and does it still hold?", answered from the
 * code printed on it. Needs only the certificate store, so the case API can offer it without the
 * workers' PDF renderer. Whether a certificate has expired is decided on the city's today (the
 * business calendar's zone).
 */
@Singleton
public class CertificateVerification {
  private final CertificateStore certificates;
  private final ZoneId zone;
  private final Clock clock;

  public CertificateVerification(
      CertificateStore certificates, BusinessCalendar calendar, Clock clock) {
    this.certificates = certificates;
    this.zone = calendar.zone();
    this.clock = clock;
  }

  /**
   * What the verification page shows: enough to compare with the paper and to know whether it still
   * holds, no contact data and not who revoked it.
   *
   * @param issuer null when none was recorded (certificates issued before ADR 0022)
   * @param validUntil null: no expiry
   * @param revokedOn the day (city zone) it was revoked; null unless {@code status} is REVOKED
   * @param revocationReason the public reason; null unless revoked
   */
  public record Verified(
      String number,
      String reference,
      String permitType,
      String applicantNameMasked,
      LocalDate decisionDate,
      String issuer,
      LocalDate validUntil,
      CertificateStatus status,
      LocalDate revokedOn,
      String revocationReason) {}

  /** Looks a certificate up by its code; empty when no certificate has that code. */
  @Transactional
  public Optional<Verified> verify(String verificationCode) {
    LocalDate today = clock.instant().atZone(zone).toLocalDate();
    return certificates
        .findByCodeHash(VerificationCodes.hash(verificationCode))
        .map(
            c -> {
              Revocation r = c.revocation();
              return new Verified(
                  c.number(),
                  c.reference(),
                  c.permitType(),
                  new CitizenContact(c.applicantName(), null).masked().name(),
                  c.decisionDate(),
                  c.issuer(),
                  c.validUntil(),
                  c.statusOn(today),
                  r == null ? null : r.revokedAt().atZone(zone).toLocalDate(),
                  r == null ? null : r.reason());
            });
  }
}
