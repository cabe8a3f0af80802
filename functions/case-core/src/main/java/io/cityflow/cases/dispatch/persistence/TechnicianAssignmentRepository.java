package io.cityflow.cases.dispatch.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TechnicianAssignmentRepository
    extends GenericRepository<TechnicianAssignmentRow, UUID> {
  TechnicianAssignmentRow save(TechnicianAssignmentRow row);

  Optional<TechnicianAssignmentRow> findById(UUID caseId);
}
