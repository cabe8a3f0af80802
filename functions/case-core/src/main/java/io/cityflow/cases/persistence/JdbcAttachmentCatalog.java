package io.cityflow.cases.persistence;

import io.cityflow.cases.AttachmentCatalog;
import io.cityflow.cases.CaseAttachment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcAttachmentCatalog implements AttachmentCatalog {
  private final AttachmentRepository rows;

  JdbcAttachmentCatalog(AttachmentRepository rows) {
    this.rows = rows;
  }

  @Override
  public void add(CaseAttachment a) {
    rows.save(
        new AttachmentRow(
            a.id(),
            a.caseId(),
            a.storageKey(),
            a.fileName(),
            a.contentType(),
            a.size(),
            a.uploadedBy(),
            a.uploadedAt()));
  }

  @Override
  public List<CaseAttachment> forCase(UUID caseId) {
    return rows.findByCaseIdOrderByUploadedAt(caseId).stream()
        .map(JdbcAttachmentCatalog::toDomain)
        .toList();
  }

  @Override
  public Optional<CaseAttachment> find(UUID caseId, UUID attachmentId) {
    return rows.findByIdAndCaseId(attachmentId, caseId).map(JdbcAttachmentCatalog::toDomain);
  }

  private static CaseAttachment toDomain(AttachmentRow r) {
    return new CaseAttachment(
        r.id(),
        r.caseId(),
        r.storageKey(),
        r.fileName(),
        r.contentType(),
        r.sizeBytes(),
        r.uploadedBy(),
        r.uploadedAt());
  }
}
