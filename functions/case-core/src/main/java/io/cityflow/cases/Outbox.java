package io.cityflow.cases;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the transactional outbox of workflow commands. */
public interface Outbox {
  /** Adds a command in the caller's transaction. */
  void enqueue(WorkflowCommand command);

  /** Unsent commands whose next attempt is due, oldest first. */
  List<OutboxEntry> due(Instant now, int limit);

  void markSent(UUID commandId, Instant at);

  void markFailed(UUID commandId, int attempts, Instant nextAttemptAt, String error);

  /** How many commands are still unsent. */
  long pendingCount();

  /** When the oldest unsent command was enqueued; empty when every command was sent. */
  Optional<Instant> oldestPendingSince();
}
