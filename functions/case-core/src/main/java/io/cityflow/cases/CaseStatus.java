package io.cityflow.cases;

/** Where a case stands. The allowed moves between statuses are in {@link CaseTransitions}. */
public enum CaseStatus {
  SUBMITTED("We have received your request."),
  ROUTED("Your request has been passed to the responsible department."),
  IN_PROGRESS("The department is working on your request."),
  WAITING_FOR_CITIZEN("We need more information from you. Please answer the question below."),
  RESOLVED("The department has finished. Please tell us whether you are satisfied."),
  CLOSED("Your request is closed."),
  REOPENED("Your request has been reopened and is being handled again."),
  TRANSFERRED("Your request has been passed to another department."),
  REJECTED("Your request could not be accepted. The reason is given below."),
  CANCELLED("Your request was cancelled.");

  private final String plainWords;

  CaseStatus(String plainWords) {
    this.plainWords = plainWords;
  }

  /** The status as a citizen should read it. */
  public String plainWords() {
    return plainWords;
  }

  /** True when nothing more will happen to the case. */
  public boolean isFinal() {
    return this == CLOSED || this == REJECTED || this == CANCELLED;
  }

  /** True while the SLA clock should not run because the city is not the one acting. */
  public boolean pausesSla() {
    return this == WAITING_FOR_CITIZEN || this == RESOLVED || isFinal();
  }
}
