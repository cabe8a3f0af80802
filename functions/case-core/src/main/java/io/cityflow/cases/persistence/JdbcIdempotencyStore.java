package io.cityflow.cases.persistence;

import io.cityflow.cases.IdempotencyStore;
import jakarta.inject.Singleton;
import java.util.Optional;

@Singleton
class JdbcIdempotencyStore implements IdempotencyStore {
  private final IdempotencyRepository keys;

  JdbcIdempotencyStore(IdempotencyRepository keys) {
    this.keys = keys;
  }

  @Override
  public Optional<IdempotentSubmission> find(String key) {
    return keys.findById(key)
        .map(
            row ->
                new IdempotentSubmission(
                    row.idemKey(), row.requestHash(), row.caseId(), row.createdAt()));
  }

  @Override
  public void save(IdempotentSubmission s) {
    keys.save(new IdempotencyRow(s.key(), s.requestHash(), s.caseId(), s.createdAt()));
  }
}
