package io.cityflow.cases.migration.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Migration batches are recorded once and never changed. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProcessMigrationRepository extends GenericRepository<ProcessMigrationRow, UUID> {
  ProcessMigrationRow save(ProcessMigrationRow row);

  @Query(
      value = "SELECT * FROM process_migration ORDER BY ran_at DESC, id LIMIT :limit",
      nativeQuery = true)
  List<ProcessMigrationRow> latest(int limit);

  /** Results of one batch, in the order the instances were tried. */
  @JdbcRepository(dialect = Dialect.POSTGRES)
  interface Results extends GenericRepository<ProcessMigrationResultRow, UUID> {
    List<ProcessMigrationResultRow> saveAll(Iterable<ProcessMigrationResultRow> rows);

    @Query(
        value =
            "SELECT * FROM process_migration_result WHERE migration_id IN (:migrationIds)"
                + " ORDER BY migration_id, process_instance_key",
        nativeQuery = true)
    List<ProcessMigrationResultRow> findByMigrationIds(Collection<UUID> migrationIds);
  }
}
