package io.cityflow.cases.worker;

import io.cityflow.cases.notification.CitizenUnreachable;
import io.cityflow.cases.notification.Notifications;
import io.cityflow.workflows.contract.ErrorCodes;
import io.cityflow.workflows.contract.JobTypes;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Job type {@value JobTypes#CASES_NOTIFY_CITIZEN}: sends the citizen of {@code caseId} the notice
 * {@code template}, filled from the other variables the caller passed ({@code replyText}, {@code
 * question}, {@code certificateNumber}, …). Returns no variables. A citizen no channel can reach is
 * the BPMN error {@value ErrorCodes#CITIZEN_UNREACHABLE}.
 */
@Singleton
class NotifyCitizenWorker implements CaseJobWorker {
  private static final Set<String> NOT_FIELDS = Set.of("caseId", "template");

  private final Notifications notifications;

  NotifyCitizenWorker(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public String jobType() {
    return JobTypes.CASES_NOTIFY_CITIZEN;
  }

  @Override
  public Map<String, Object> handle(Job job) {
    Map<String, String> fields = new HashMap<>();
    job.variables()
        .forEach(
            (name, value) -> {
              if (value != null && !NOT_FIELDS.contains(name)) {
                fields.put(name, String.valueOf(value));
              }
            });
    try {
      notifications.notifyCitizen(
          job.uuid("caseId"), job.string("template"), fields, job.idempotencyKey());
    } catch (CitizenUnreachable e) {
      throw new BpmnError(ErrorCodes.CITIZEN_UNREACHABLE, e.getMessage());
    }
    return Map.of();
  }
}
