package io.cityflow.cases.certificate;

import io.cityflow.cases.CitizenContact;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The public question "is this certificate genuine?", answered from the code printed on it. Needs
 * only the certificate store, so the case API can offer it without the workers' PDF renderer.
 */
@Singleton
public class CertificateVerification {
  private final CertificateStore certificates;

  public CertificateVerification(CertificateStore certificates) {
    this.certificates = certificates;
  }

  /** What the verification page shows: enough to compare with the paper, no contact data. */
  public record Verified(
      String number,
      String reference,
      String permitType,
      String applicantNameMasked,
      LocalDate decisionDate) {}

  /** Looks a certificate up by its code; empty when no certificate has that code. */
  @Transactional
  public Optional<Verified> verify(String verificationCode) {
    return certificates
        .findByCodeHash(VerificationCodes.hash(verificationCode))
        .map(
            c ->
                new Verified(
                    c.number(),
                    c.reference(),
                    c.permitType(),
                    new CitizenContact(c.applicantName(), null).masked().name(),
                    c.decisionDate()));
  }
}
