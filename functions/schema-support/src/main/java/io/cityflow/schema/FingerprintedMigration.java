package io.cityflow.schema;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings one schema's tables up to date with Flyway, but skips Flyway when nothing changed since it
 * last ran. Loading and configuring Flyway costs more than the rest of a quick start (the local
 * engine, a Lambda cold start), and almost every start finds the schema current. After each Flyway
 * run the fingerprint of the migration scripts (their names and contents, SHA-256) is stored; a
 * start that finds the same scripts on the class path trusts it. Any new, removed or edited script
 * changes the fingerprint, so Flyway then runs in full, with its validation.
 *
 * <p>Each schema keeps its fingerprint in a table of its own, created by one of its own scripts
 * with a {@code fingerprint varchar(64) not null} column, so that schemas sharing a database (the
 * case tables, the device tables) are migrated independently. A schema's scripts live in one class
 * path entry (its module's jar or classes folder, or the one folder of an unpacked Lambda package):
 * the fingerprint covers the first entry that holds the folder.
 *
 * <p>In a jar, the scripts are found through an index when the build wrote one: a resource named
 * like the folder with {@code .index} appended ({@code db/devices.index}), one script name per
 * line. Listing a folder in a jar means reading every entry of the jar, and a Lambda deployment jar
 * has tens of thousands. The build writes the index from the folder itself, so that it cannot miss
 * a script; a folder on disk (a build's classes, an IDE) is always listed.
 *
 * <p>The path that skips Flyway runs during Lambda cold starts: it loads no Flyway class, creates
 * no lambda and concatenates no strings (each would bootstrap method handles on first use).
 */
public final class FingerprintedMigration {

  private final ClassLoader classLoader;
  private final String location;
  private final String historyTable;
  private final String fingerprintTable;
  private final String baselineVersion;
  private final String selectFingerprint;

  /**
   * @param classLoader the loader that sees the scripts (the owning module's)
   * @param location the scripts' folder on the class path, such as {@code db/devices}
   * @param historyTable Flyway's history table of this schema
   * @param fingerprintTable the table, created by one of the scripts, that holds the fingerprint
   * @param baselineVersion the version Flyway gives a database that holds other tables but no
   *     history of this schema yet ({@code 0}, so that the first script still runs)
   */
  public FingerprintedMigration(
      ClassLoader classLoader,
      String location,
      String historyTable,
      String fingerprintTable,
      String baselineVersion) {
    this.classLoader = classLoader;
    this.location = location.endsWith("/") ? location : location.concat("/");
    this.historyTable = historyTable;
    this.fingerprintTable = fingerprintTable;
    this.baselineVersion = baselineVersion;
    this.selectFingerprint = "select fingerprint from ".concat(fingerprintTable);
  }

  /**
   * Migrates the schema unless the stored fingerprint equals the scripts' one.
   *
   * @return the number of migrations Flyway applied: 0 when it found nothing to do or did not run
   */
  public int migrate(DataSource dataSource) {
    Optional<String> scripts = fingerprint();
    if (scripts.isPresent() && scripts.equals(storedFingerprint(dataSource))) {
      return 0;
    }
    int applied =
        FlywayRun.migrate(
            dataSource,
            classLoader,
            "classpath:" + location.substring(0, location.length() - 1),
            historyTable,
            baselineVersion);
    if (scripts.isPresent()) {
      store(dataSource, scripts.get());
    }
    return applied;
  }

  /** The scripts' fingerprint, or empty when they cannot be listed without Flyway's scanner. */
  public Optional<String> fingerprint() {
    TreeMap<String, byte[]> scripts = new TreeMap<>();
    try {
      // The first class path entry that holds the folder, not all of them: looking through every
      // entry opens every jar on the class path, which a start otherwise opens only as needed.
      URL url = classLoader.getResource(location);
      if (url == null) {
        return Optional.empty();
      }
      String protocol = url.getProtocol();
      if ("file".equals(protocol)) {
        readDirectory(Path.of(url.toURI()), scripts);
      } else if ("jar".equals(protocol)) {
        if (!readIndexed(scripts)) {
          readJar(url, scripts);
        }
      } else {
        return Optional.empty();
      }
    } catch (IOException | URISyntaxException e) {
      return Optional.empty();
    }
    if (scripts.isEmpty()) {
      return Optional.empty();
    }
    MessageDigest digest = sha256();
    for (Map.Entry<String, byte[]> script : scripts.entrySet()) {
      digest.update(script.getKey().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(script.getValue());
      digest.update((byte) 0);
    }
    return Optional.of(HexFormat.of().formatHex(digest.digest()));
  }

  private static void readDirectory(Path directory, TreeMap<String, byte[]> scripts)
      throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(".sql") && Files.isRegularFile(file)) {
          scripts.put(name, Files.readAllBytes(file));
        }
      }
    }
  }

  /**
   * Reads the scripts the index names; false when there is no index. A named script that is missing
   * fails the listing, and with it the fingerprint (Flyway then decides).
   */
  private boolean readIndexed(TreeMap<String, byte[]> scripts) throws IOException {
    String index = location.substring(0, location.length() - 1).concat(".index");
    try (InputStream in = classLoader.getResourceAsStream(index)) {
      if (in == null) {
        return false;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String name = line.strip();
        if (name.isEmpty()) {
          continue;
        }
        try (InputStream script = classLoader.getResourceAsStream(location.concat(name))) {
          if (script == null) {
            throw new IOException("the index names a missing script: ".concat(name));
          }
          scripts.put(name, script.readAllBytes());
        }
      }
      return true;
    }
  }

  private void readJar(URL url, TreeMap<String, byte[]> scripts) throws IOException {
    JarURLConnection connection = (JarURLConnection) url.openConnection();
    connection.setUseCaches(false);
    try (JarFile jar = connection.getJarFile()) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        String name = entry.getName();
        if (name.startsWith(location)
            && name.endsWith(".sql")
            && name.indexOf('/', location.length()) < 0) {
          try (InputStream in = jar.getInputStream(entry)) {
            scripts.put(name.substring(location.length()), in.readAllBytes());
          }
        }
      }
    }
  }

  /**
   * The fingerprint after the last Flyway run; empty for a new database or one from before
   * fingerprints (the table does not exist: SQL state class 42), where Flyway decides.
   */
  private Optional<String> storedFingerprint(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement statement = connection.prepareStatement(selectFingerprint);
          ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      } catch (SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
          if (!connection.getAutoCommit()) {
            connection.rollback();
          }
          return Optional.empty();
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot read the schema fingerprint from " + fingerprintTable + ": " + e.getMessage(), e);
    }
  }

  private void store(DataSource dataSource, String fingerprint) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (PreparedStatement delete =
              connection.prepareStatement("delete from " + fingerprintTable);
          PreparedStatement insert =
              connection.prepareStatement(
                  "insert into " + fingerprintTable + " (fingerprint) values (?)")) {
        delete.executeUpdate();
        insert.setString(1, fingerprint);
        insert.executeUpdate();
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot record the schema fingerprint in "
              + fingerprintTable
              + " (does a script of "
              + location
              + " create it?): "
              + e.getMessage(),
          e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Flyway itself, in a class of its own so that a start that skips it loads none of it. */
  private static final class FlywayRun {
    private FlywayRun() {}

    static int migrate(
        DataSource dataSource,
        ClassLoader classLoader,
        String location,
        String historyTable,
        String baselineVersion) {
      return Flyway.configure(classLoader)
          .dataSource(dataSource)
          .locations(location)
          .table(historyTable)
          .baselineOnMigrate(true)
          .baselineVersion(baselineVersion)
          .load()
          .migrate()
          .migrationsExecuted;
    }
  }
}
