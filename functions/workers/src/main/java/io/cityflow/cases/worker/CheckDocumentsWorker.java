package io.cityflow.cases.worker;

import io.cityflow.cases.approval.DocumentCheck;
import io.cityflow.workflows.contract.JobTypes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Job type {@value JobTypes#APPROVALS_CHECK_DOCUMENTS}: compares the documents of {@code caseId}
 * with {@code requirements.requiredDocuments} (from the approval-requirements decision). Returns
 * {@code documentsComplete} and {@code missingDocuments}.
 */
@Singleton
class CheckDocumentsWorker implements CaseJobWorker {
  private final DocumentCheck check;

  CheckDocumentsWorker(DocumentCheck check) {
    this.check = check;
  }

  @Override
  public String jobType() {
    return JobTypes.APPROVALS_CHECK_DOCUMENTS;
  }

  @Override
  public Map<String, Object> handle(Job job) {
    List<String> required = Job.stringsOf(job.object("requirements").get("requiredDocuments"));
    List<String> missing = check.missing(job.uuid("caseId"), required);
    return Map.of("documentsComplete", missing.isEmpty(), "missingDocuments", missing);
  }
}
