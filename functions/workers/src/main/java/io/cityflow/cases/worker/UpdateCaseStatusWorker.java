package io.cityflow.cases.worker;

import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.WorkflowCaseUpdates;
import io.cityflow.cases.WorkflowCaseUpdates.StatusUpdate;
import io.cityflow.workflows.contract.JobTypes;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;

/**
 * Job type {@value JobTypes#CASES_UPDATE_STATUS}: the process tells the case its new status (and,
 * after routing, its department). Takes {@code caseId}, {@code status} and optionally {@code
 * department}, {@code outcome}, {@code outcomeReason}; returns no variables. Running a job twice is
 * harmless: the second run finds the case already in that status.
 */
@Singleton
public class UpdateCaseStatusWorker {
  private final WorkflowCaseUpdates updates;

  public UpdateCaseStatusWorker(WorkflowCaseUpdates updates) {
    this.updates = updates;
  }

  public String jobType() {
    return JobTypes.CASES_UPDATE_STATUS;
  }

  /** Applies one job's variables; an unknown case or illegal move fails the job (incident). */
  public void handle(Map<String, Object> variables, long processInstanceKey) {
    updates.apply(
        new StatusUpdate(
            UUID.fromString(required(variables, "caseId")),
            CaseStatus.valueOf(required(variables, "status")),
            optional(variables, "department"),
            optional(variables, "outcome"),
            optional(variables, "outcomeReason"),
            processInstanceKey));
  }

  private static String required(Map<String, Object> variables, String name) {
    String value = optional(variables, name);
    if (value == null) {
      throw new IllegalArgumentException("job variable " + name + " is missing");
    }
    return value;
  }

  private static String optional(Map<String, Object> variables, String name) {
    Object value = variables.get(name);
    return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
  }
}
