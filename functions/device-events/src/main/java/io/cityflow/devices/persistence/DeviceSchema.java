package io.cityflow.devices.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrates the module's tables. They share the case database but keep their own Flyway location and
 * history table, so that the case schema and this one evolve independently. A database that already
 * holds other tables is baselined at version 0, so that V1 still runs.
 */
public final class DeviceSchema {
  public static final String LOCATION = "classpath:db/devices";
  public static final String HISTORY_TABLE = "devices_schema_history";

  private DeviceSchema() {}

  public static int migrate(DataSource dataSource) {
    return Flyway.configure(DeviceSchema.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
