package io.cityflow.cases.worker;

import io.cityflow.cases.notification.Notifications;
import io.cityflow.workflows.contract.JobTypes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Job type {@value JobTypes#DEVICES_ALERT_COMMUNITY}: tells the community duty line about the fire
 * alarm of case {@code caseId} near {@code location}. Returns no variables; failures fail the job,
 * as for the fire brigade.
 */
@Singleton
class AlertCommunityWorker implements CaseJobWorker {
  private final Notifications notifications;
  private final EmergencyContacts contacts;

  AlertCommunityWorker(Notifications notifications, EmergencyContacts contacts) {
    this.notifications = notifications;
    this.contacts = contacts;
  }

  @Override
  public String jobType() {
    return JobTypes.DEVICES_ALERT_COMMUNITY;
  }

  @Override
  public Map<String, Object> handle(Job job) {
    notifications.alert(
        contacts.community(),
        job.uuid("caseId"),
        "COMMUNITY_FIRE_ALERT",
        DeviceAlertFields.of(job),
        job.idempotencyKey());
    return Map.of();
  }
}
