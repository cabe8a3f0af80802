package io.cityflow.cases.migration.persistence;

import io.cityflow.cases.migration.ElementMapping;
import io.cityflow.cases.migration.MigrationLog;
import io.cityflow.cases.migration.MigrationRecord;
import io.cityflow.cases.migration.MigrationRecord.InstanceResult;
import io.cityflow.cases.migration.MigrationRecord.Outcome;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The migration audit in the case database: one row per batch, one per instance tried. */
@Singleton
class JdbcMigrationLog implements MigrationLog {
  private static final String ARROW = " -> ";

  private final ProcessMigrationRepository migrations;
  private final ProcessMigrationRepository.Results results;

  JdbcMigrationLog(
      ProcessMigrationRepository migrations, ProcessMigrationRepository.Results results) {
    this.migrations = migrations;
    this.results = results;
  }

  @Override
  @Transactional
  public void record(MigrationRecord r) {
    migrations.save(
        new ProcessMigrationRow(
            r.id(),
            r.ranBy(),
            r.ranAt(),
            r.processId(),
            r.sourceKey(),
            r.sourceVersion(),
            r.targetKey(),
            r.targetVersion(),
            r.mappings().stream()
                .map(m -> m.sourceElementId() + ARROW + m.targetElementId())
                .collect(Collectors.joining("\n")),
            r.count(Outcome.MIGRATED),
            r.count(Outcome.REFUSED),
            r.count(Outcome.FAILED),
            r.count(Outcome.SKIPPED)));
    if (!r.results().isEmpty()) {
      results.saveAll(
          r.results().stream()
              .map(
                  i ->
                      new ProcessMigrationResultRow(
                          UUID.randomUUID(),
                          r.id(),
                          i.processInstanceKey(),
                          i.caseReference(),
                          i.outcome().name(),
                          clip(i.reason())))
              .toList());
    }
  }

  @Override
  @Transactional
  public List<MigrationRecord> latest(int limit) {
    List<ProcessMigrationRow> rows = migrations.latest(limit);
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<UUID, List<ProcessMigrationResultRow>> byMigration =
        results.findByMigrationIds(rows.stream().map(ProcessMigrationRow::id).toList()).stream()
            .collect(Collectors.groupingBy(ProcessMigrationResultRow::migrationId));
    return rows.stream()
        .map(
            row ->
                new MigrationRecord(
                    row.id(),
                    row.ranBy(),
                    row.ranAt(),
                    row.processId(),
                    row.sourceKey(),
                    row.sourceVersion(),
                    row.targetKey(),
                    row.targetVersion(),
                    row.mappings().isEmpty()
                        ? List.of()
                        : Arrays.stream(row.mappings().split("\n"))
                            .map(
                                line -> {
                                  String[] parts = line.split(ARROW, 2);
                                  return new ElementMapping(parts[0], parts[1]);
                                })
                            .toList(),
                    byMigration.getOrDefault(row.id(), List.of()).stream()
                        .map(
                            i ->
                                new InstanceResult(
                                    i.processInstanceKey(),
                                    i.caseReference(),
                                    Outcome.valueOf(i.outcome()),
                                    i.reason()))
                        .toList()))
        .toList();
  }

  private static String clip(String reason) {
    return reason == null || reason.length() <= 2000 ? reason : reason.substring(0, 1997) + "...";
  }
}
