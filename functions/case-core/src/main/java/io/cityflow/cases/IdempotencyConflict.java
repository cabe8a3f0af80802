package io.cityflow.cases;

/** The Idempotency-Key was used before with a different request. */
public final class IdempotencyConflict extends CaseRuleViolation {
  public IdempotencyConflict() {
    super("Idempotency-Key", "this key was already used for a different request");
  }
}
