package io.cityflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where the PostgreSQL server for tests lives.
 *
 * <p>In order of preference: the server named by {@code TEST_PG_URL} (with {@code TEST_PG_USER} and
 * {@code TEST_PG_PASSWORD}), or the one at {@code localhost:5432}, when it answers; otherwise a
 * Testcontainers PostgreSQL when Docker is present. The URL names an administrative database: tests
 * never write to it, they create databases of their own through it.
 */
public record PostgresServer(String adminUrl, String user, String password) {

  static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/cityflow_test";
  static final String DEFAULT_USER = "cityflow";

  /** The configured server, if it accepts a connection. */
  public static Optional<PostgresServer> configured() {
    PostgresServer server =
        new PostgresServer(
            env("TEST_PG_URL", DEFAULT_URL),
            env("TEST_PG_USER", DEFAULT_USER),
            env("TEST_PG_PASSWORD", DEFAULT_USER));
    try (Connection ignored = server.connect(server.adminUrl())) {
      return Optional.of(server);
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  /** The JDBC URL of another database on the same server. */
  public String urlOf(String database) {
    int slash = adminUrl.lastIndexOf('/');
    int query = adminUrl.indexOf('?', slash);
    return adminUrl.substring(0, slash + 1)
        + database
        + (query < 0 ? "" : adminUrl.substring(query));
  }

  Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
