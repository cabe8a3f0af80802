package io.cityflow.cases.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CaseRepository extends CrudRepository<CaseRow, UUID> {
  Optional<CaseRow> findByReference(String reference);

  List<CaseRow> findByProcessInstanceKeyIn(Collection<Long> processInstanceKeys);

  long countByProcessInstanceKeyIn(Collection<Long> processInstanceKeys);

  @Query(
      value =
          "SELECT * FROM city_case WHERE process_instance_key IN (:keys)"
              + " ORDER BY CASE WHEN sla_due_at IS NULL THEN 1 ELSE 0 END, sla_due_at, id"
              + " LIMIT :limit OFFSET :offset",
      nativeQuery = true)
  List<CaseRow> queuePage(Collection<Long> keys, int limit, int offset);
}
