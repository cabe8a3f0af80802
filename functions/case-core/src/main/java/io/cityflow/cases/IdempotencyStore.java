package io.cityflow.cases;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Port: remembers which Idempotency-Key created which case, and the request it came with. */
public interface IdempotencyStore {
  Optional<IdempotentSubmission> find(String key);

  /** Saves in the caller's transaction; a second save of the same key fails. */
  void save(IdempotentSubmission submission);

  void delete(String key);

  /**
   * Deletes up to {@code limit} keys created before {@code before}, oldest first.
   *
   * @return how many were deleted
   */
  int deleteCreatedBefore(Instant before, int limit);

  /**
   * @param requestHash SHA-256 of the canonical request body
   */
  record IdempotentSubmission(String key, String requestHash, UUID caseId, Instant createdAt) {}
}
