package io.cityflow.cases.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code outbox_command}; {@code variables} is JSON. */
@MappedEntity(value = "outbox_command", escape = false)
public record OutboxRow(
    @Id UUID id,
    UUID caseId,
    String messageName,
    String correlationKey,
    String messageId,
    String variables,
    Instant createdAt,
    int attempts,
    Instant nextAttemptAt,
    @Nullable String lastError,
    @Nullable Instant sentAt) {}
