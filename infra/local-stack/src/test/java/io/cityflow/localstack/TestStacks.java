package io.cityflow.localstack;

import io.cityflow.testsupport.FreePort;
import io.cityflow.testsupport.PostgresDatabase;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The settings every test that starts the whole stack shares: the case database on the test's own
 * PostgreSQL database, a fresh in-memory engine on a free port with the client pointed at it, and
 * the HTTP server on a random port. Tests add their own settings to the returned map.
 */
public final class TestStacks {
  private TestStacks() {}

  public static Map<String, Object> onPostgres(PostgresDatabase database) {
    int enginePort = FreePort.next();
    Map<String, Object> config = new HashMap<>();
    config.put("micronaut.server.port", -1);
    config.put("datasources.default.url", database.jdbcUrl());
    config.put("datasources.default.username", database.user());
    config.put("datasources.default.password", database.password());
    config.put("datasources.default.driver-class-name", "org.postgresql.Driver");
    config.put("datasources.default.dialect", "POSTGRES");
    config.put(
        "cityflow.engine.jdbc-url",
        "jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    config.put("cityflow.engine.port", enginePort);
    config.put("cityflow.camunda.rest-address", "http://localhost:" + enginePort);
    return config;
  }
}
