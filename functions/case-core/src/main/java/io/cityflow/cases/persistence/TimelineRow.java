package io.cityflow.cases.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code case_timeline}. */
@MappedEntity(value = "case_timeline", escape = false)
public record TimelineRow(
    @Id UUID id,
    UUID caseId,
    Instant occurredAt,
    String actor,
    String actorKind,
    String eventKind,
    @Nullable String entryText,
    boolean visibleToCitizen) {}
