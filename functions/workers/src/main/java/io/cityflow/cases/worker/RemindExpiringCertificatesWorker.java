package io.cityflow.cases.worker;

import io.cityflow.cases.certificate.CertificateExpiryReminders;
import io.cityflow.workflows.contract.JobTypes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Job type {@value JobTypes#CERTIFICATES_REMIND_EXPIRING}: one sweep of the certificate expiry
 * reminders, at most {@value #BATCH} certificates in one transaction. Returns {@code remindersSent}
 * and {@code moreDue}; the model sweeps again while {@code moreDue}. A retried job reminds nobody
 * twice: each reminder is marked on its certificate with its outbox message.
 */
@Singleton
class RemindExpiringCertificatesWorker implements CaseJobWorker {
  /** Small enough for one transaction well within the job's timeout. */
  static final int BATCH = 500;

  private final CertificateExpiryReminders reminders;

  RemindExpiringCertificatesWorker(CertificateExpiryReminders reminders) {
    this.reminders = reminders;
  }

  @Override
  public String jobType() {
    return JobTypes.CERTIFICATES_REMIND_EXPIRING;
  }

  @Override
  public Map<String, Object> handle(Job job) {
    CertificateExpiryReminders.Sweep sweep = reminders.sweep(BATCH);
    return Map.of("remindersSent", sweep.reminded(), "moreDue", sweep.moreDue());
  }
}
