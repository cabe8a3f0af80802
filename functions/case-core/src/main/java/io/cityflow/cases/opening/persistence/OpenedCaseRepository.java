package io.cityflow.cases.opening.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OpenedCaseRepository extends GenericRepository<OpenedCaseRow, String> {
  OpenedCaseRow save(OpenedCaseRow row);

  Optional<OpenedCaseRow> findById(String openingKey);
}
