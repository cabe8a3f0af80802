package io.cityflow.cases.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code city_case}. */
@MappedEntity(value = "city_case", escape = false)
public record CaseRow(
    @Id UUID id,
    int refYear,
    long refNumber,
    String reference,
    String caseType,
    String channel,
    @Nullable String contactName,
    @Nullable String contactPhone,
    String subject,
    @Nullable String description,
    @Nullable String category,
    @Nullable String address,
    @Nullable Double latitude,
    @Nullable Double longitude,
    @Nullable String leadDepartment,
    String departments,
    String priority,
    String status,
    @Nullable String outcome,
    @Nullable String outcomeReason,
    @Nullable String formData,
    String trackingCodeHash,
    Instant submittedAt,
    Instant updatedAt,
    @Nullable Instant slaDueAt,
    @Nullable Instant slaWarnAt,
    @Nullable Instant slaPausedAt,
    @Nullable Integer rating,
    @Nullable String ratingComment,
    @Nullable Long processInstanceKey,
    @Nullable Instant resolvedAt,
    @Nullable String language) {}
