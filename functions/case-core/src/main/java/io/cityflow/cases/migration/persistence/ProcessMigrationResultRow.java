package io.cityflow.cases.migration.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** A row of {@code process_migration_result}. */
@MappedEntity(value = "process_migration_result", escape = false)
public record ProcessMigrationResultRow(
    @Id UUID id,
    UUID migrationId,
    long processInstanceKey,
    @Nullable String caseReference,
    String outcome,
    @Nullable String reason) {}
