package io.cityflow.cases.worker;

import io.cityflow.cases.opening.WorkflowCaseOpenings;
import io.cityflow.workflows.contract.JobTypes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Job type {@value JobTypes#CASES_RECORD_REPEAT_ALERT}: counts the repeat {@code lastRepeatEventId}
 * (the {@code repeatCount}-th, at {@code lastRepeatAt}) on the case {@code caseId}. Returns no
 * variables; the same repeat event counts once however often the job runs.
 */
@Singleton
class RecordRepeatAlertWorker implements CaseJobWorker {
  private final WorkflowCaseOpenings openings;

  RecordRepeatAlertWorker(WorkflowCaseOpenings openings) {
    this.openings = openings;
  }

  @Override
  public String jobType() {
    return JobTypes.CASES_RECORD_REPEAT_ALERT;
  }

  @Override
  public Map<String, Object> handle(Job job) {
    String eventId = job.optionalString("lastRepeatEventId");
    openings.recordRepeatAlert(
        job.uuid("caseId"),
        eventId == null ? job.idempotencyKey() : eventId,
        job.integer("repeatCount"),
        job.optionalInstant("lastRepeatAt"));
    return Map.of();
  }
}
