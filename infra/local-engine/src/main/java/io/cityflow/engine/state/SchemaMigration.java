package io.cityflow.engine.state;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the engine's tables up to date with Flyway, but skips Flyway when nothing changed since it
 * last ran. Loading and configuring Flyway costs more than the rest of the engine's start, and
 * almost every start finds the schema current. After each Flyway run the engine stores a
 * fingerprint of the migration scripts (their names and contents); a start that finds the same
 * scripts on the class path trusts that fingerprint. Any new, removed or edited script changes the
 * fingerprint, so Flyway then runs in full, with its validation.
 */
final class SchemaMigration {

  private static final String LOCATION = "io/cityflow/engine/migration";

  private SchemaMigration() {}

  static void migrate(DataSource dataSource) {
    Optional<String> scripts = fingerprint();
    if (scripts.isPresent() && scripts.equals(storedFingerprint(dataSource))) {
      return;
    }
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:" + LOCATION)
        .table("engine_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    scripts.ifPresent(fingerprint -> store(dataSource, fingerprint));
  }

  /** The scripts' fingerprint, or empty when they cannot be listed without Flyway's scanner. */
  static Optional<String> fingerprint() {
    TreeMap<String, byte[]> scripts = new TreeMap<>();
    try {
      Enumeration<URL> locations =
          SchemaMigration.class.getClassLoader().getResources(LOCATION + "/");
      while (locations.hasMoreElements()) {
        URL location = locations.nextElement();
        switch (location.getProtocol()) {
          case "file" -> readDirectory(Path.of(location.toURI()), scripts);
          case "jar" -> readJar(location, scripts);
          default -> {
            return Optional.empty();
          }
        }
      }
    } catch (IOException | URISyntaxException e) {
      return Optional.empty();
    }
    if (scripts.isEmpty()) {
      return Optional.empty();
    }
    MessageDigest digest = sha256();
    scripts.forEach(
        (name, content) -> {
          digest.update(name.getBytes(StandardCharsets.UTF_8));
          digest.update((byte) 0);
          digest.update(content);
          digest.update((byte) 0);
        });
    return Optional.of(HexFormat.of().formatHex(digest.digest()));
  }

  private static void readDirectory(Path directory, TreeMap<String, byte[]> scripts)
      throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".sql")) {
          scripts.put(name, Files.readAllBytes(file));
        }
      }
    }
  }

  private static void readJar(URL location, TreeMap<String, byte[]> scripts) throws IOException {
    JarURLConnection connection = (JarURLConnection) location.openConnection();
    connection.setUseCaches(false);
    try (JarFile jar = connection.getJarFile()) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        String name = entry.getName();
        if (name.startsWith(LOCATION + "/")
            && name.endsWith(".sql")
            && name.indexOf('/', LOCATION.length() + 1) < 0) {
          try (InputStream in = jar.getInputStream(entry)) {
            scripts.put(name.substring(LOCATION.length() + 1), in.readAllBytes());
          }
        }
      }
    }
  }

  private static Optional<String> storedFingerprint(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      if (!hasFingerprintTable(connection)) {
        // A new database, or one from before fingerprints: Flyway decides.
        return Optional.empty();
      }
      try (PreparedStatement statement =
              connection.prepareStatement("select fingerprint from eng_schema_fingerprint");
          ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the engine's schema: " + e.getMessage(), e);
    }
  }

  /** H2 keeps unquoted names in upper case, PostgreSQL in lower case. */
  private static boolean hasFingerprintTable(Connection connection) throws SQLException {
    for (String name : new String[] {"ENG_SCHEMA_FINGERPRINT", "eng_schema_fingerprint"}) {
      try (ResultSet tables =
          connection.getMetaData().getTables(null, connection.getSchema(), name, null)) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static void store(DataSource dataSource, String fingerprint) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement delete =
              connection.prepareStatement("delete from eng_schema_fingerprint");
          PreparedStatement insert =
              connection.prepareStatement(
                  "insert into eng_schema_fingerprint (fingerprint) values (?)")) {
        delete.executeUpdate();
        insert.setString(1, fingerprint);
        insert.executeUpdate();
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot record the engine's schema fingerprint: " + e.getMessage(), e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
