package io.cityflow.cases.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CaseRepository extends CrudRepository<CaseRow, UUID> {
  Optional<CaseRow> findByReference(String reference);
}
