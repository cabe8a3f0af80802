package io.cityflow.cases;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message for the workflow engine, written to the outbox in the same transaction as the case
 * change that caused it, and published later by the dispatcher.
 *
 * @param messageId makes publishing idempotent: the engine accepts a message id only once
 * @param variables process variables; values must be JSON-friendly (strings, numbers, booleans,
 *     lists, maps)
 */
public record WorkflowCommand(
    UUID id,
    UUID caseId,
    String messageName,
    String correlationKey,
    String messageId,
    Map<String, Object> variables,
    Instant createdAt) {
  public WorkflowCommand {
    variables = Map.copyOf(variables);
  }
}
