package io.cityflow.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * A file attached to a case: what it is and who added it. The bytes live in the {@link
 * AttachmentStore} under {@code storageKey}, which never contains the uploader's file name.
 *
 * @param contentType the type the content really is (sniffed), not what the uploader declared
 * @param uploadedBy "citizen", or the staff member's user name
 */
public record CaseAttachment(
    UUID id,
    UUID caseId,
    String storageKey,
    String fileName,
    String contentType,
    long size,
    String uploadedBy,
    Instant uploadedAt) {}
