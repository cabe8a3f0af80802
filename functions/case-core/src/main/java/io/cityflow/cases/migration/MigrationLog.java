package io.cityflow.cases.migration;

import java.util.List;

/** Port: the audit of process-instance migrations, kept in the case database. */
public interface MigrationLog {
  void record(MigrationRecord record);

  /** The newest batches first, with their results. */
  List<MigrationRecord> latest(int limit);
}
