package io.cityflow.cases;

import java.time.Instant;

/** A workflow command waiting in the outbox, with its delivery attempts so far. */
public record OutboxEntry(
    WorkflowCommand command, int attempts, Instant nextAttemptAt, String lastError) {}
