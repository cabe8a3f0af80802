package io.cityflow.cases.worker;

import io.cityflow.cases.CityCase;
import io.cityflow.cases.opening.DeviceAlarm;
import io.cityflow.cases.opening.MaintenanceDecision;
import io.cityflow.cases.opening.WorkflowCaseOpenings;
import io.cityflow.workflows.contract.JobTypes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Job type {@value JobTypes#CASES_OPEN_DEVICE_CASE}: opens the maintenance case of the alarm in the
 * start message ({@code deviceId}, {@code deviceType}, {@code alarmType}, {@code zone}, {@code
 * location}, {@code alertEventId}, {@code alertedAt}, {@code alertCause}) with the decision in
 * {@code maintenance} ({@code priority}, {@code slaHours}, {@code department}). Returns {@code
 * caseId}, {@code reference}, {@code slaDueAt} and {@code slaWarnAt}. The job key is the
 * idempotency key: a retried job returns the same case.
 */
@Singleton
class OpenDeviceCaseWorker implements CaseJobWorker {
  private final WorkflowCaseOpenings openings;

  OpenDeviceCaseWorker(WorkflowCaseOpenings openings) {
    this.openings = openings;
  }

  @Override
  public String jobType() {
    return JobTypes.CASES_OPEN_DEVICE_CASE;
  }

  @Override
  public Map<String, Object> handle(Job job) {
    Map<String, Object> maintenance = job.object("maintenance");
    CityCase c =
        openings.openMaintenanceCase(
            job.idempotencyKey(),
            new DeviceAlarm(
                job.string("deviceId"),
                job.string("deviceType"),
                job.string("alarmType"),
                job.string("zone"),
                job.string("location"),
                job.string("alertEventId"),
                job.optionalInstant("alertedAt"),
                job.optionalString("alertCause")),
            new MaintenanceDecision(
                String.valueOf(maintenance.get("priority")),
                ((Number) maintenance.get("slaHours")).intValue(),
                String.valueOf(maintenance.get("department"))),
            job.processInstanceKey());
    return Map.of(
        "caseId", c.id().toString(),
        "reference", c.reference().toString(),
        "slaDueAt", c.slaDueAt().toString(),
        "slaWarnAt", c.slaWarnAt().toString());
  }
}
