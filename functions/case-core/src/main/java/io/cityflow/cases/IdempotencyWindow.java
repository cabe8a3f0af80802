package io.cityflow.cases;

import java.time.Duration;
import java.time.Instant;

/**
 * How long an Idempotency-Key is remembered ({@code cityflow.idempotency.keep}, 24 hours by
 * default). Within the window a retry gets the original answer; after it the key may be used again
 * and the clean-up job deletes it. Clients retry within seconds or minutes, so a day is ample.
 */
public record IdempotencyWindow(Duration keep) {
  public IdempotencyWindow {
    if (keep.isNegative() || keep.isZero()) {
      throw new IllegalArgumentException("the idempotency window must be positive");
    }
  }

  public boolean expired(Instant createdAt, Instant now) {
    return createdAt.isBefore(oldestKept(now));
  }

  /** Keys created before this have expired. */
  public Instant oldestKept(Instant now) {
    return now.minus(keep);
  }
}
