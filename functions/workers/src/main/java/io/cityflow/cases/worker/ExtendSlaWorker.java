package io.cityflow.cases.worker;

import io.cityflow.cases.CityCase;
import io.cityflow.cases.sla.SlaChanges;
import io.cityflow.workflows.contract.JobTypes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Job type {@value JobTypes#CASES_EXTEND_SLA}: a supervisor granted {@code extensionWorkingDays}
 * more (with {@code supervisorNote}); returns the new {@code slaDueAt} and {@code slaWarnAt}.
 */
@Singleton
class ExtendSlaWorker implements CaseJobWorker {
  private final SlaChanges sla;

  ExtendSlaWorker(SlaChanges sla) {
    this.sla = sla;
  }

  @Override
  public String jobType() {
    return JobTypes.CASES_EXTEND_SLA;
  }

  @Override
  public Map<String, Object> handle(Job job) {
    CityCase c =
        sla.extend(
            job.uuid("caseId"),
            job.integer("extensionWorkingDays"),
            job.optionalString("supervisorNote"),
            job.idempotencyKey());
    return Map.of("slaDueAt", c.slaDueAt().toString(), "slaWarnAt", c.slaWarnAt().toString());
  }
}
