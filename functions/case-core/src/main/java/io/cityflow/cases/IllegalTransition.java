package io.cityflow.cases;

/** A status move that the lifecycle does not allow. */
public final class IllegalTransition extends CaseRuleViolation {
  private final CaseStatus from;
  private final CaseStatus to;

  public IllegalTransition(CaseStatus from, CaseStatus to) {
    super("status", "a case that is " + from + " cannot become " + to);
    this.from = from;
    this.to = to;
  }

  public CaseStatus from() {
    return from;
  }

  public CaseStatus to() {
    return to;
  }
}
