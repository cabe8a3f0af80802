package io.cityflow.cases.worker;

import io.cityflow.cases.sla.SlaChanges;
import io.cityflow.workflows.contract.JobTypes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Job type {@value JobTypes#CASES_SEND_SLA_WARNING}: the warning timer of {@code caseId} fired; the
 * warning goes on the case for its department. Returns no variables.
 */
@Singleton
class SendSlaWarningWorker implements CaseJobWorker {
  private final SlaChanges sla;

  SendSlaWarningWorker(SlaChanges sla) {
    this.sla = sla;
  }

  @Override
  public String jobType() {
    return JobTypes.CASES_SEND_SLA_WARNING;
  }

  @Override
  public Map<String, Object> handle(Job job) {
    sla.warn(job.uuid("caseId"), job.idempotencyKey());
    return Map.of();
  }
}
