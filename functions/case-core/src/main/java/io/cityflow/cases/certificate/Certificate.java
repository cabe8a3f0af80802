package io.cityflow.cases.certificate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A permit certificate issued for an approved application.
 *
 * @param number the certificate number printed on it: the case reference with a {@code -C} suffix
 * @param decisionDate the day it was issued (in the city's time zone), printed as the date of
 *     decision and answered as {@code issuedOn} by the public check
 * @param documentKey where the PDF is kept in the attachment store
 * @param issuer the issuing authority in force when it was issued; null for certificates issued
 *     before it was recorded, or where none is configured
 * @param validUntil the last day it is valid (inclusive); null: no expiry
 * @param revocation set once the city withdrew it; null while it stands
 */
public record Certificate(
    String number,
    UUID caseId,
    String reference,
    String applicantName,
    String permitType,
    LocalDate decisionDate,
    String documentKey,
    Instant issuedAt,
    String issuer,
    LocalDate validUntil,
    Revocation revocation) {

  /**
   * The status on a day (the city's today): revoked first, then expired after its last valid day,
   * else valid.
   */
  public CertificateStatus statusOn(LocalDate day) {
    if (revocation != null) {
      return CertificateStatus.REVOKED;
    }
    if (validUntil != null && day.isAfter(validUntil)) {
      return CertificateStatus.EXPIRED;
    }
    return CertificateStatus.VALID;
  }

  /** This certificate stored under a document key. */
  public Certificate withDocumentKey(String key) {
    return new Certificate(
        number,
        caseId,
        reference,
        applicantName,
        permitType,
        decisionDate,
        key,
        issuedAt,
        issuer,
        validUntil,
        revocation);
  }

  /** This certificate withdrawn. */
  public Certificate revoked(Revocation withdrawal) {
    return new Certificate(
        number,
        caseId,
        reference,
        applicantName,
        permitType,
        decisionDate,
        documentKey,
        issuedAt,
        issuer,
        validUntil,
        withdrawal);
  }
}
