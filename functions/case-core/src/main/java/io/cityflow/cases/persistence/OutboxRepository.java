package io.cityflow.cases.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OutboxRepository extends CrudRepository<OutboxRow, UUID> {
  List<OutboxRow> findBySentAtIsNullAndNextAttemptAtLessThanEquals(Instant now, Pageable page);

  long countBySentAtIsNull();

  @Query("SELECT MIN(created_at) FROM outbox_command WHERE sent_at IS NULL")
  Optional<Instant> findOldestUnsentCreatedAt();

  void updateSentAt(@Id UUID id, Instant sentAt);

  @Query(
      "UPDATE outbox_command SET attempts = :attempts, next_attempt_at = :nextAttemptAt,"
          + " last_error = :lastError WHERE id = :id")
  void recordFailure(UUID id, int attempts, Instant nextAttemptAt, String lastError);
}
