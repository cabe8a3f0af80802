package io.cityflow.cases.certificate.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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

  /**
   * Certificates not revoked and not yet reminded whose last valid day is between {@code first} and
   * {@code last} (both included), soonest first.
   */
  @Query(
      "select * from certificate where valid_until between :first and :last"
          + " and revoked_at is null and expiry_reminded_at is null"
          + " order by valid_until, number limit :limit")
  List<CertificateRow> findUnremindedExpiringBetween(LocalDate first, LocalDate last, int limit);

  /**
   * Records the expiry reminder of a certificate that is neither reminded nor revoked yet; the
   * count of rows changed (0 or 1). Of two sweeps at once, the second waits for the first's row
   * lock and then finds the row reminded.
   */
  @Query(
      "update certificate set expiry_reminded_at = :at where number = :number"
          + " and expiry_reminded_at is null and revoked_at is null")
  long markExpiryReminded(String number, Instant at);
}
