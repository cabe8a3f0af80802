package io.cityflow.cases.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface IdempotencyRepository extends CrudRepository<IdempotencyRow, String> {
  @Query(
      "SELECT idem_key FROM idempotency_key WHERE created_at < :before"
          + " ORDER BY created_at LIMIT :limit")
  List<String> findIdemKeyByCreatedAtLessThanOrderByCreatedAt(Instant before, int limit);

  void deleteByIdemKeyIn(Collection<String> keys);
}
