package io.cityflow.cases;

import java.util.List;

/** Submitted task data does not fit the task's form; every problem names its field. */
public final class FormRejected extends CaseRuleViolation {
  private final List<CaseRuleViolation> problems;

  public FormRejected(List<CaseRuleViolation> problems) {
    super(problems.get(0).field(), problems.get(0).getMessage());
    this.problems = List.copyOf(problems);
  }

  public List<CaseRuleViolation> problems() {
    return problems;
  }
}
