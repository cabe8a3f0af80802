package io.cityflow.workflows.contract;

/** Job types of the service tasks in the models: {@code <area>.<verb>-<noun>}. */
public final class JobTypes {
  private JobTypes() {}

  public static final String CASES_UPDATE_STATUS = "cases.update-status";
  public static final String CASES_NOTIFY_CITIZEN = "cases.notify-citizen";
  public static final String CASES_SEND_SLA_WARNING = "cases.send-sla-warning";
  public static final String CASES_EXTEND_SLA = "cases.extend-sla";
  public static final String CASES_OPEN_CHILD_CASE = "cases.open-child-case";
  public static final String CASES_OPEN_DEVICE_CASE = "cases.open-device-case";
  public static final String CASES_RECORD_REPEAT_ALERT = "cases.record-repeat-alert";
  public static final String APPROVALS_CHECK_DOCUMENTS = "approvals.check-documents";
  public static final String APPROVALS_ISSUE_CERTIFICATE = "approvals.issue-certificate";
  public static final String DEVICES_ALERT_FIRE_BRIGADE = "devices.alert-fire-brigade";
  public static final String DEVICES_ALERT_COMMUNITY = "devices.alert-community";

  /**
   * Reads the device and its asset data from the device registry. Takes {@code deviceId}; returns
   * {@code device} = {@code {deviceId, type, location, zone, registeredAt, lastSeenAt,
   * activeAlarms}}.
   */
  public static final String DEVICES_LOOKUP_DEVICE = "devices.lookup-device";

  /**
   * Proposes the technician for a maintenance case: the one of the case's department covering the
   * device's zone who was assigned least recently. Takes {@code caseId}, {@code zone} and {@code
   * maintenance.department}; returns {@code technician}.
   */
  public static final String DEVICES_PICK_TECHNICIAN = "devices.pick-technician";

  /**
   * One sweep of the certificate expiry reminders: asks the workflow to remind the holders of at
   * most one batch of certificates that expire within the lead time and were not reminded yet.
   * Takes nothing; returns {@code remindersSent} (this sweep) and {@code moreDue} (the batch was
   * full, so sweep again).
   */
  public static final String CERTIFICATES_REMIND_EXPIRING = "certificates.remind-expiring";
}
