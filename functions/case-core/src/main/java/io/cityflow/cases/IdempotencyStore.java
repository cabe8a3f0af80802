package io.cityflow.cases;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Port: remembers which Idempotency-Key created which case, and the request it came with. */
public interface IdempotencyStore {
  Optional<IdempotentSubmission> find(String key);

  /** Saves in the caller's transaction; a second save of the same key fails. */
  void save(IdempotentSubmission submission);

  /**
   * @param requestHash SHA-256 of the canonical request body
   */
  record IdempotentSubmission(String key, String requestHash, UUID caseId, Instant createdAt) {}
}
