package io.cityflow.cases.migration.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code process_migration}. */
@MappedEntity(value = "process_migration", escape = false)
public record ProcessMigrationRow(
    @Id UUID id,
    String ranBy,
    Instant ranAt,
    String processId,
    long sourceKey,
    int sourceVersion,
    long targetKey,
    int targetVersion,
    String mappings,
    int migrated,
    int refused,
    int failed,
    int skipped) {}
