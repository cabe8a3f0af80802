package io.cityflow.cases.worker;

import io.cityflow.cases.Outbox;
import io.cityflow.cases.OutboxEntry;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's due commands to the engine and marks them sent; a failure is recorded and the
 * command is tried again after a growing wait. A crash between publishing and marking means the
 * command is published again on restart, which the engine ignores thanks to the message id.
 */
@Singleton
public class OutboxDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final Outbox outbox;
  private final WorkflowGateway gateway;
  private final RetryBackoff backoff;
  private final Clock clock;
  private final int batchSize;

  public OutboxDispatcher(
      Outbox outbox,
      WorkflowGateway gateway,
      Clock clock,
      @Value("${cityflow.outbox.batch-size:50}") int batchSize,
      @Value("${cityflow.outbox.first-retry:1s}") Duration firstRetry,
      @Value("${cityflow.outbox.max-retry:5m}") Duration maxRetry) {
    this.outbox = outbox;
    this.gateway = gateway;
    this.clock = clock;
    this.batchSize = batchSize;
    this.backoff = new RetryBackoff(firstRetry, maxRetry);
  }

  /** Sends one batch of due commands; returns how many were sent. */
  public int dispatchDue() {
    List<OutboxEntry> due = outbox.due(clock.instant(), batchSize);
    int sent = 0;
    for (OutboxEntry entry : due) {
      if (dispatch(entry)) {
        sent++;
      }
    }
    return sent;
  }

  private boolean dispatch(OutboxEntry entry) {
    try {
      WorkflowGateway.Delivery delivery = gateway.publish(entry.command());
      outbox.markSent(entry.command().id(), clock.instant());
      LOG.debug(
          "{} {} for case {}", delivery, entry.command().messageName(), entry.command().caseId());
      return true;
    } catch (RuntimeException e) {
      int attempts = entry.attempts() + 1;
      Instant next = clock.instant().plus(backoff.after(attempts));
      outbox.markFailed(entry.command().id(), attempts, next, String.valueOf(e.getMessage()));
      LOG.warn(
          "Could not publish {} for case {} (attempt {}), retrying at {}: {}",
          entry.command().messageName(),
          entry.command().caseId(),
          attempts,
          next,
          e.toString());
      return false;
    }
  }
}
