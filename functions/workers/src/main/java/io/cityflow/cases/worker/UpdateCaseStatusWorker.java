package io.cityflow.cases.worker;

import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.WorkflowCaseUpdates;
import io.cityflow.cases.WorkflowCaseUpdates.StatusUpdate;
import io.cityflow.workflows.contract.JobTypes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Job type {@value JobTypes#CASES_UPDATE_STATUS}: the process tells the case its new status (and,
 * after routing, its department). Takes {@code caseId}, {@code status} and optionally {@code
 * department}, {@code outcome}, {@code outcomeReason}. Returns {@code slaDueAt} and {@code
 * slaWarnAt} when they differ from the process's copies, as they do after the SLA clock resumed
 * (waiting for the citizen ended, or a reopened ticket). Running a job twice is harmless: the
 * second run finds the case already in that status.
 */
@Singleton
public class UpdateCaseStatusWorker implements CaseJobWorker {
  private final WorkflowCaseUpdates updates;

  public UpdateCaseStatusWorker(WorkflowCaseUpdates updates) {
    this.updates = updates;
  }

  @Override
  public String jobType() {
    return JobTypes.CASES_UPDATE_STATUS;
  }

  /** Applies one job's variables; an unknown case or illegal move fails the job (incident). */
  @Override
  public Map<String, Object> handle(Job job) {
    CityCase c =
        updates.apply(
            new StatusUpdate(
                job.uuid("caseId"),
                CaseStatus.valueOf(job.string("status")),
                job.optionalString("department"),
                job.optionalString("outcome"),
                job.optionalString("outcomeReason"),
                job.processInstanceKey(),
                job.bpmnProcessId()));
    Map<String, Object> changed = new HashMap<>();
    putIfChanged(changed, job, "slaDueAt", c.slaDueAt());
    putIfChanged(changed, job, "slaWarnAt", c.slaWarnAt());
    return changed;
  }

  private static void putIfChanged(
      Map<String, Object> changed, Job job, String name, Instant value) {
    if (value != null && !Objects.equals(job.optionalString(name), value.toString())) {
      changed.put(name, value.toString());
    }
  }
}
