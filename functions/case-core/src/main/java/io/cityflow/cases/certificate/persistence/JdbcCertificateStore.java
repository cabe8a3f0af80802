package io.cityflow.cases.certificate.persistence;

import io.cityflow.cases.certificate.Certificate;
import io.cityflow.cases.certificate.CertificateReminderStore;
import io.cityflow.cases.certificate.CertificateRevocationStore;
import io.cityflow.cases.certificate.CertificateStore;
import io.cityflow.cases.certificate.Revocation;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcCertificateStore
    implements CertificateStore, CertificateRevocationStore, CertificateReminderStore {
  private final CertificateRepository certificates;

  JdbcCertificateStore(CertificateRepository certificates) {
    this.certificates = certificates;
  }

  @Override
  public void insert(Certificate c, String codeHash) {
    Revocation r = c.revocation();
    certificates.save(
        new CertificateRow(
            c.number(),
            c.caseId(),
            c.reference(),
            codeHash,
            c.applicantName(),
            c.permitType(),
            c.decisionDate(),
            c.documentKey(),
            c.issuedAt(),
            c.issuer(),
            c.validUntil(),
            r == null ? null : r.revokedAt(),
            r == null ? null : r.revokedBy(),
            r == null ? null : r.reason(),
            null));
  }

  @Override
  public Optional<Certificate> findByCase(UUID caseId) {
    return certificates.findByCaseId(caseId).map(JdbcCertificateStore::toDomain);
  }

  @Override
  public Optional<Certificate> findByCodeHash(String codeHash) {
    return certificates.findByCodeHash(codeHash).map(JdbcCertificateStore::toDomain);
  }

  @Override
  public boolean revoke(String number, Revocation revocation) {
    return certificates.revoke(
            number, revocation.revokedAt(), revocation.revokedBy(), revocation.reason())
        == 1;
  }

  @Override
  public List<Certificate> unremindedExpiringBetween(LocalDate first, LocalDate last, int limit) {
    return certificates.findUnremindedExpiringBetween(first, last, limit).stream()
        .map(JdbcCertificateStore::toDomain)
        .toList();
  }

  @Override
  public boolean markReminded(String number, Instant at) {
    return certificates.markExpiryReminded(number, at) == 1;
  }

  private static Certificate toDomain(CertificateRow r) {
    return new Certificate(
        r.number(),
        r.caseId(),
        r.reference(),
        r.applicantName(),
        r.permitType(),
        r.decisionDate(),
        r.documentKey(),
        r.issuedAt(),
        r.issuer(),
        r.validUntil(),
        r.revokedAt() == null
            ? null
            : new Revocation(r.revokedAt(), r.revokedBy(), r.revocationReason()));
  }
}
