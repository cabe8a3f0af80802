package io.cityflow.cases.opening.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code workflow_opened_case}. */
@MappedEntity(value = "workflow_opened_case", escape = false)
public record OpenedCaseRow(
    @Id String openingKey, UUID caseId, @Nullable UUID parentCaseId, Instant openedAt) {}
