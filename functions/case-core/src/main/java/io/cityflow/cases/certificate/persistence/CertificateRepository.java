package io.cityflow.cases.certificate.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What is printed is never changed once issued; only a revocation is added, once. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CertificateRepository extends GenericRepository<CertificateRow, String> {
  CertificateRow save(CertificateRow row);

  Optional<CertificateRow> findByCaseId(UUID caseId);

  Optional<CertificateRow> findByCodeHash(String codeHash);

  /** Revokes a certificate that is not revoked yet; the count of rows changed (0 or 1). */
  @Query(
      "update certificate set revoked_at = :revokedAt, revoked_by = :revokedBy,"
          + " revocation_reason = :reason where number = :number and revoked_at is null")
  long revoke(String number, Instant revokedAt, String revokedBy, String reason);
}
