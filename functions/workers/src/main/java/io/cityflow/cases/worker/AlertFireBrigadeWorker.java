package io.cityflow.cases.worker;

import io.cityflow.cases.notification.Notifications;
import io.cityflow.workflows.contract.JobTypes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Job type {@value JobTypes#DEVICES_ALERT_FIRE_BRIGADE}: alerts the fire brigade to the alarm of
 * case {@code caseId} ({@code deviceId}, {@code alarmType}, {@code location}, {@code zone}).
 * Returns no variables. There is no business outcome in which the brigade may stay uninformed, so
 * any failure, an unreachable line included, fails the job: the model retries it ten times and then
 * raises an incident for an operator.
 */
@Singleton
class AlertFireBrigadeWorker implements CaseJobWorker {
  private final Notifications notifications;
  private final EmergencyContacts contacts;

  AlertFireBrigadeWorker(Notifications notifications, EmergencyContacts contacts) {
    this.notifications = notifications;
    this.contacts = contacts;
  }

  @Override
  public String jobType() {
    return JobTypes.DEVICES_ALERT_FIRE_BRIGADE;
  }

  @Override
  public Map<String, Object> handle(Job job) {
    notifications.alert(
        contacts.fireBrigade(),
        job.uuid("caseId"),
        "FIRE_BRIGADE_ALERT",
        DeviceAlertFields.of(job),
        job.idempotencyKey());
    return Map.of();
  }
}
