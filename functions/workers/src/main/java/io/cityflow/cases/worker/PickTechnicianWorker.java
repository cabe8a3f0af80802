package io.cityflow.cases.worker;

import io.cityflow.cases.dispatch.TechnicianDispatch;
import io.cityflow.workflows.contract.JobTypes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Job type {@value JobTypes#DEVICES_PICK_TECHNICIAN}: proposes a technician of {@code
 * maintenance.department} for the device's {@code zone}. Returns {@code technician}, or nothing
 * when the department has nobody for that zone (the dispatcher then chooses on the form).
 */
@Singleton
class PickTechnicianWorker implements CaseJobWorker {
  private final TechnicianDispatch dispatch;

  PickTechnicianWorker(TechnicianDispatch dispatch) {
    this.dispatch = dispatch;
  }

  @Override
  public String jobType() {
    return JobTypes.DEVICES_PICK_TECHNICIAN;
  }

  @Override
  public Map<String, Object> handle(Job job) {
    return dispatch
        .propose(
            job.uuid("caseId"),
            String.valueOf(job.object("maintenance").get("department")),
            job.string("zone"))
        .<Map<String, Object>>map(username -> Map.of("technician", username))
        .orElse(Map.of());
  }
}
