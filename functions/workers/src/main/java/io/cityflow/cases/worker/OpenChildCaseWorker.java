package io.cityflow.cases.worker;

import io.cityflow.cases.CityCase;
import io.cityflow.cases.opening.WorkflowCaseOpenings;
import io.cityflow.workflows.contract.JobTypes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Job type {@value JobTypes#CASES_OPEN_CHILD_CASE}: opens the child ticket of {@code parentCaseId}
 * for {@code childDepartment} with {@code childInstructions}, due at {@code slaDueAt}, and links it
 * to this child process instance (so the department's task list shows the child case). Returns
 * {@code childCaseId}. The job key is the idempotency key: a retried job returns the same case.
 */
@Singleton
class OpenChildCaseWorker implements CaseJobWorker {
  private final WorkflowCaseOpenings openings;

  OpenChildCaseWorker(WorkflowCaseOpenings openings) {
    this.openings = openings;
  }

  @Override
  public String jobType() {
    return JobTypes.CASES_OPEN_CHILD_CASE;
  }

  @Override
  public Map<String, Object> handle(Job job) {
    CityCase child =
        openings.openChildTicket(
            job.idempotencyKey(),
            job.uuid("parentCaseId"),
            job.string("childDepartment"),
            job.optionalString("childInstructions"),
            job.optionalInstant("slaDueAt"),
            job.processInstanceKey());
    return Map.of("childCaseId", child.id().toString());
  }
}
