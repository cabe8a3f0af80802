package io.cityflow.cases.persistence;

import io.cityflow.cases.IdempotencyStore;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
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

  @Override
  public void delete(String key) {
    keys.deleteById(key);
  }

  @Override
  public int deleteCreatedBefore(Instant before, int limit) {
    List<String> expired = keys.findIdemKeyByCreatedAtLessThanOrderByCreatedAt(before, limit);
    if (!expired.isEmpty()) {
      keys.deleteByIdemKeyIn(expired);
    }
    return expired.size();
  }
}
