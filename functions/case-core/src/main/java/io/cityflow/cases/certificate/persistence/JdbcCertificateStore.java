package io.cityflow.cases.certificate.persistence;

import io.cityflow.cases.certificate.Certificate;
import io.cityflow.cases.certificate.CertificateStore;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcCertificateStore implements CertificateStore {
  private final CertificateRepository certificates;

  JdbcCertificateStore(CertificateRepository certificates) {
    this.certificates = certificates;
  }

  @Override
  public void insert(Certificate c, String codeHash) {
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
            c.issuedAt()));
  }

  @Override
  public Optional<Certificate> findByCase(UUID caseId) {
    return certificates.findByCaseId(caseId).map(JdbcCertificateStore::toDomain);
  }

  @Override
  public Optional<Certificate> findByCodeHash(String codeHash) {
    return certificates.findByCodeHash(codeHash).map(JdbcCertificateStore::toDomain);
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
        r.issuedAt());
  }
}
