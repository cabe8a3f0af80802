package io.cityflow.cases;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired Idempotency-Keys every {@code cityflow.idempotency.cleanup-interval} (default an
 * hour), in batches so that a long backlog never holds one big transaction. Off with {@code
 * cityflow.idempotency.cleanup.enabled=false}. The cases themselves are untouched.
 */
@Singleton
@Requires(property = "cityflow.idempotency.cleanup.enabled", notEquals = "false")
public class IdempotencyKeyCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);
  static final int BATCH = 1000;

  private final IdempotencyStore keys;
  private final IdempotencyWindow window;
  private final Clock clock;

  public IdempotencyKeyCleanup(IdempotencyStore keys, IdempotencyWindow window, Clock clock) {
    this.keys = keys;
    this.window = window;
    this.clock = clock;
  }

  /**
   * @return how many keys were deleted
   */
  @Scheduled(
      initialDelay = "${cityflow.idempotency.cleanup-interval:1h}",
      fixedDelay = "${cityflow.idempotency.cleanup-interval:1h}")
  public int removeExpired() {
    int total = 0;
    int deleted;
    do {
      deleted = keys.deleteCreatedBefore(window.oldestKept(clock.instant()), BATCH);
      total += deleted;
    } while (deleted == BATCH);
    if (total > 0) {
      LOG.info("Deleted {} expired idempotency keys", total);
    }
    return total;
  }
}
