package io.cityflow.engine.state;

import io.cityflow.schema.FingerprintedMigration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The engine's tables ({@code io/cityflow/engine/migration}, history {@code
 * engine_schema_history}), brought up to date by schema-support's {@link FingerprintedMigration}:
 * Flyway runs only when the scripts changed since it last ran; the fingerprint lives in {@code
 * eng_schema_fingerprint} (V20).
 */
final class SchemaMigration {

  private static final FingerprintedMigration ENGINE =
      new FingerprintedMigration(
          SchemaMigration.class.getClassLoader(),
          "io/cityflow/engine/migration",
          "engine_schema_history",
          "eng_schema_fingerprint",
          "0");

  private SchemaMigration() {}

  static void migrate(DataSource dataSource) {
    ENGINE.migrate(dataSource);
  }

  /** The engine scripts' fingerprint, or empty when they cannot be listed. */
  static Optional<String> fingerprint() {
    return ENGINE.fingerprint();
  }
}
