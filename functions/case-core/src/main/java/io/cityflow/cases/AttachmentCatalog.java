package io.cityflow.cases;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: which files each case has (the bytes themselves are in the {@link AttachmentStore}). */
public interface AttachmentCatalog {
  /** Records an attachment in the caller's transaction. */
  void add(CaseAttachment attachment);

  /** The case's attachments, oldest first. */
  List<CaseAttachment> forCase(UUID caseId);

  Optional<CaseAttachment> find(UUID caseId, UUID attachmentId);
}
