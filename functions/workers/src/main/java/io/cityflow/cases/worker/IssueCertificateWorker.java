package io.cityflow.cases.worker;

import io.cityflow.cases.certificate.Certificate;
import io.cityflow.cases.certificate.Certificates;
import io.cityflow.workflows.contract.JobTypes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Job type {@value JobTypes#APPROVALS_ISSUE_CERTIFICATE}: issues the PDF certificate of the
 * approved case {@code caseId} for {@code permitType} and stores it. Returns {@code
 * certificateNumber} and {@code certificateDocumentKey}. A retried job returns the certificate the
 * first run issued.
 */
@Singleton
class IssueCertificateWorker implements CaseJobWorker {
  private final Certificates certificates;

  IssueCertificateWorker(Certificates certificates) {
    this.certificates = certificates;
  }

  @Override
  public String jobType() {
    return JobTypes.APPROVALS_ISSUE_CERTIFICATE;
  }

  @Override
  public Map<String, Object> handle(Job job) {
    Certificate c = certificates.issue(job.uuid("caseId"), job.optionalString("permitType"));
    return Map.of("certificateNumber", c.number(), "certificateDocumentKey", c.documentKey());
  }
}
