package io.cityflow.cases.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code idempotency_key}. */
@MappedEntity(value = "idempotency_key", escape = false)
public record IdempotencyRow(
    @Id String idemKey, String requestHash, UUID caseId, Instant createdAt) {}
