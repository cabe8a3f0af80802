package io.cityflow.cases.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** Append-only: there is deliberately no update or delete. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TimelineRepository extends GenericRepository<TimelineRow, UUID> {
  TimelineRow save(TimelineRow row);

  List<TimelineRow> findByCaseIdOrderByOccurredAt(UUID caseId);
}
