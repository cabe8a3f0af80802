package io.cityflow.cases.dispatch.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code technician}. */
@MappedEntity(value = "technician", escape = false)
public record TechnicianRow(
    @Id String username,
    String displayName,
    String departmentCode,
    String zone,
    boolean active,
    @Nullable Instant lastAssignedAt) {}
