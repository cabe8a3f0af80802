package io.cityflow.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintedMigrationTest {

  private static final String LOCATION = "io/cityflow/schema/testdb";
  private static final ClassLoader LOADER = FingerprintedMigrationTest.class.getClassLoader();
  private static final List<String> SCRIPTS =
      List.of("V1__parts.sql", "V2__schema_fingerprint.sql", "V3__part_name.sql");

  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final DataSource dataSource = h2(url);

  private static DataSource h2(String url) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url);
    h2.setUser("sa");
    h2.setPassword("");
    return h2;
  }

  private final FingerprintedMigration parts =
      new FingerprintedMigration(
          LOADER, LOCATION, "parts_schema_history", "parts_schema_fingerprint", "0");

  @Test
  void recordsTheScriptsFingerprintAfterMigratingANewDatabase() throws SQLException {
    // when a new database is migrated
    int applied = parts.migrate(dataSource);

    // then Flyway applied every script and the scripts' fingerprint is recorded
    assertThat(applied).isEqualTo(3);
    assertThat(appliedVersions("parts_schema_history")).containsExactlyInAnyOrder("1", "2", "3");
    assertThat(query("select fingerprint from parts_schema_fingerprint"))
        .containsExactly(parts.fingerprint().orElseThrow());
  }

  @Test
  void skipsFlywayWhileTheScriptsAreUnchanged() throws SQLException {
    // given a migrated database whose history has lost its last migration
    parts.migrate(dataSource);
    execute("delete from \"parts_schema_history\" where \"version\" = '3'");

    // when it is migrated again with the same scripts
    int applied = parts.migrate(dataSource);

    // then Flyway did not run: it would have applied version 3 again
    assertThat(applied).isZero();
    assertThat(appliedVersions("parts_schema_history")).doesNotContain("3");
  }

  @Test
  void runsFlywayWhenTheScriptsChanged() throws SQLException {
    // given a database migrated by other scripts than those on the class path
    parts.migrate(dataSource);
    execute("update parts_schema_fingerprint set fingerprint = 'other scripts'");
    execute("delete from \"parts_schema_history\" where \"version\" = '3'");
    execute("alter table part drop column name");

    // when it is migrated
    int applied = parts.migrate(dataSource);

    // then Flyway ran and the current fingerprint replaced the old one
    assertThat(applied).isEqualTo(1);
    assertThat(appliedVersions("parts_schema_history")).contains("3");
    assertThat(query("select fingerprint from parts_schema_fingerprint"))
        .containsExactly(parts.fingerprint().orElseThrow());
  }

  @Test
  void keepsTheFingerprintsOfSchemasSharingADatabaseApart() throws SQLException {
    // given a database where the parts schema is current
    parts.migrate(dataSource);
    FingerprintedMigration other =
        new FingerprintedMigration(
            LOADER,
            "io/cityflow/schema/other",
            "other_schema_history",
            "other_schema_fingerprint",
            "0");

    // when a second schema is migrated into it
    int applied = other.migrate(dataSource);

    // then it ran its own scripts, baselined below version 1, and recorded its own fingerprint
    assertThat(applied).isEqualTo(1);
    assertThat(appliedVersions("other_schema_history")).containsExactlyInAnyOrder("0", "1");
    assertThat(query("select fingerprint from other_schema_fingerprint"))
        .containsExactly(other.fingerprint().orElseThrow())
        .doesNotContain(parts.fingerprint().orElseThrow());
    assertThat(query("select fingerprint from parts_schema_fingerprint"))
        .containsExactly(parts.fingerprint().orElseThrow());
  }

  @Test
  void fingerprintsTheSameScriptsInAJarAsInAFolder(@TempDir Path dir) throws IOException {
    // given the same scripts packed in a jar, with an unrelated file and a sub-folder's script
    Path jar = dir.resolve("scripts.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      // Jar tools write the folders as entries of their own; the class loader finds the folder by
      // it.
      put(out, LOCATION + "/", "");
      for (String name : SCRIPTS) {
        out.putNextEntry(new JarEntry(LOCATION + "/" + name));
        try (InputStream in = LOADER.getResourceAsStream(LOCATION + "/" + name)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
      put(out, LOCATION + "/README.txt", "not a script");
      put(out, LOCATION + "/old/V9__old.sql", "select 1;");
    }

    // when both are fingerprinted
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      FingerprintedMigration packed = new FingerprintedMigration(loader, LOCATION, "h", "f", "0");

      // then the fingerprints are equal
      assertThat(packed.fingerprint()).isPresent().isEqualTo(parts.fingerprint());
    }
  }

  @Test
  void findsAJarsScriptsThroughTheBuildsIndex(@TempDir Path dir) throws IOException {
    // given the scripts in a jar with the index the build writes, and a jar whose index names a
    // script it does not hold
    Path jar = dir.resolve("indexed.jar");
    Path broken = dir.resolve("broken.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        JarOutputStream brokenOut = new JarOutputStream(Files.newOutputStream(broken))) {
      put(out, LOCATION + "/", "");
      put(brokenOut, LOCATION + "/", "");
      for (String name : SCRIPTS) {
        try (InputStream in = LOADER.getResourceAsStream(LOCATION + "/" + name)) {
          byte[] script = in.readAllBytes();
          put(out, LOCATION + "/" + name, script);
          put(brokenOut, LOCATION + "/" + name, script);
        }
      }
      put(out, LOCATION + ".index", String.join("\n", SCRIPTS) + "\n");
      put(brokenOut, LOCATION + ".index", String.join("\n", SCRIPTS) + "\nV4__gone.sql\n");
    }

    // when they are fingerprinted
    try (URLClassLoader indexed = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        URLClassLoader missing = new URLClassLoader(new URL[] {broken.toUri().toURL()}, null)) {
      // then the index finds the same scripts as listing the folder
      assertThat(new FingerprintedMigration(indexed, LOCATION, "h", "f", "0").fingerprint())
          .isPresent()
          .isEqualTo(parts.fingerprint());
      // and a script the index names but the jar lacks leaves the decision to Flyway
      assertThat(new FingerprintedMigration(missing, LOCATION, "h", "f", "0").fingerprint())
          .isEmpty();
    }
  }

  @Test
  void fingerprintChangesWithAScriptsContent(@TempDir Path dir) throws IOException {
    // given the scripts with one edited
    Path folder = dir.resolve(LOCATION);
    Files.createDirectories(folder);
    for (String name : SCRIPTS) {
      try (InputStream in = LOADER.getResourceAsStream(LOCATION + "/" + name)) {
        Files.copy(in, folder.resolve(name));
      }
    }
    Files.writeString(folder.resolve("V3__part_name.sql"), "alter table part add column n int;");

    // when they are fingerprinted
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      FingerprintedMigration edited = new FingerprintedMigration(loader, LOCATION, "h", "f", "0");

      // then the fingerprint differs from the original scripts' one
      assertThat(edited.fingerprint()).isPresent().isNotEqualTo(parts.fingerprint());
    }
  }

  @Test
  void failsWhenNoScriptCreatesTheFingerprintTable() {
    // given a schema whose scripts do not create the named fingerprint table
    FingerprintedMigration missing =
        new FingerprintedMigration(
            LOADER, LOCATION, "parts_schema_history", "no_such_fingerprint", "0");

    // when it is migrated, then the failure names the table
    assertThatThrownBy(() -> missing.migrate(dataSource))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no_such_fingerprint");
  }

  private static void put(JarOutputStream out, String name, String content) throws IOException {
    put(out, name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(content);
    out.closeEntry();
  }

  private List<String> appliedVersions(String historyTable) throws SQLException {
    return query(
        "select \"version\" from \""
            + historyTable
            + "\" where \"success\" and \"version\" is not null");
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
