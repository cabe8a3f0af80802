package io.cityflow.testsupport;

import java.sql.Connection;
import java.sql.SQLException;

/** A database of its own for one test class, on the test PostgreSQL server. */
public record PostgresDatabase(PostgresServer server, String name) {

  public String jdbcUrl() {
    return server.urlOf(name);
  }

  public String user() {
    return server.user();
  }

  public String password() {
    return server.password();
  }

  /** A new connection to this database; the caller closes it. */
  public Connection connect() throws SQLException {
    return server.connect(jdbcUrl());
  }
}
