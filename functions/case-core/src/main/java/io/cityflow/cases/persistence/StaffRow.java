package io.cityflow.cases.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code staff_member}; roles and departments are comma-separated. */
@MappedEntity(value = "staff_member", escape = false)
public record StaffRow(
    @Id String username,
    String displayName,
    @Nullable String passwordHash,
    String roles,
    String departments,
    boolean active) {}
