package io.cityflow.devices.persistence;

import io.cityflow.schema.FingerprintedMigration;
import javax.sql.DataSource;

/**
 * Migrates the module's tables. They share the case database but keep their own Flyway location and
 * history table, so that the case schema and this one evolve independently. A database that already
 * holds other tables is baselined at version 0, so that V1 still runs. Flyway runs only when the
 * scripts changed since it last ran (their fingerprint is kept in {@value #FINGERPRINT_TABLE}): a
 * Lambda cold start that finds the schema current does not load Flyway.
 */
public final class DeviceSchema {
  public static final String LOCATION = "classpath:db/devices";
  public static final String HISTORY_TABLE = "devices_schema_history";
  public static final String FINGERPRINT_TABLE = "devices_schema_fingerprint";

  private static final FingerprintedMigration MIGRATION =
      new FingerprintedMigration(
          DeviceSchema.class.getClassLoader(), "db/devices", HISTORY_TABLE, FINGERPRINT_TABLE, "0");

  private DeviceSchema() {}

  /**
   * @return the number of migrations applied; 0 when the schema was current
   */
  public static int migrate(DataSource dataSource) {
    return MIGRATION.migrate(dataSource);
  }
}
