package io.cityflow.cases.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code case_attachment}. */
@MappedEntity(value = "case_attachment", escape = false)
public record AttachmentRow(
    @Id UUID id,
    UUID caseId,
    String storageKey,
    String fileName,
    String contentType,
    long sizeBytes,
    String uploadedBy,
    Instant uploadedAt) {}
