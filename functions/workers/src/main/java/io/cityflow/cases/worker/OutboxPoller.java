package io.cityflow.cases.worker;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the dispatcher on a fixed delay, until the outbox is drained each time. */
@Singleton
@Requires(property = "cityflow.outbox.dispatcher.enabled", notEquals = "false")
class OutboxPoller {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxPoller.class);

  private final OutboxDispatcher dispatcher;

  OutboxPoller(OutboxDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Scheduled(
      fixedDelay = "${cityflow.outbox.poll-interval:500ms}",
      initialDelay = "${cityflow.outbox.initial-delay:1s}")
  void poll() {
    try {
      while (dispatcher.dispatchDue() > 0) {
        // Keep going while whole batches were sent.
      }
    } catch (RuntimeException e) {
      LOG.warn("Outbox poll failed; next poll will retry: {}", e.toString());
    }
  }
}
