package io.cityflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SchemaMigrationTest {

  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  @Test
  void recordsTheScriptsFingerprintAfterMigratingANewDatabase() throws SQLException {
    // when the store opens a new database
    new JdbcStore(url, "sa", "").close();

    // then Flyway created every table and the scripts' fingerprint is recorded
    assertThat(appliedVersions()).contains("1", "20");
    assertThat(query("select fingerprint from eng_schema_fingerprint"))
        .containsExactly(SchemaMigration.fingerprint().orElseThrow());
  }

  @Test
  void skipsFlywayWhileTheScriptsAreUnchanged() throws SQLException {
    // given a migrated database whose history has lost its last migration
    new JdbcStore(url, "sa", "").close();
    execute("delete from \"engine_schema_history\" where \"version\" = '20'");

    // when the store opens it again with the same scripts
    new JdbcStore(url, "sa", "").close();

    // then Flyway did not run: it would have applied version 20 again
    assertThat(appliedVersions()).doesNotContain("20");
  }

  @Test
  void runsFlywayWhenTheScriptsChanged() throws SQLException {
    // given a database migrated by other scripts than those on the class path
    new JdbcStore(url, "sa", "").close();
    execute("update eng_schema_fingerprint set fingerprint = 'other scripts'");

    // when the store opens it
    new JdbcStore(url, "sa", "").close();

    // then Flyway validated it and the current fingerprint replaced the old one
    assertThat(query("select fingerprint from eng_schema_fingerprint"))
        .containsExactly(SchemaMigration.fingerprint().orElseThrow());
  }

  private List<String> appliedVersions() throws SQLException {
    return query(
        "select \"version\" from \"engine_schema_history\""
            + " where \"success\" and \"version\" is not null");
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private List<String> query(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }
}
