package io.cityflow.cases;

/**
 * A request that breaks a business rule: the case is left unchanged, and the caller is told which
 * field or fact is at fault.
 */
public class CaseRuleViolation extends RuntimeException {
  private final String field;

  public CaseRuleViolation(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field (or case property) that the rule is about. */
  public String field() {
    return field;
  }
}
