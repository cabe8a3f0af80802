package io.cityflow.cases.certificate.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

/** Certificates are never changed once issued, so there is no update. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CertificateRepository extends GenericRepository<CertificateRow, String> {
  CertificateRow save(CertificateRow row);

  Optional<CertificateRow> findByCaseId(UUID caseId);

  Optional<CertificateRow> findByCodeHash(String codeHash);
}
