package io.cityflow.cases.api;

import io.cityflow.testsupport.PostgresDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;

/** The case API on an embedded server, on a random port, over a test PostgreSQL database. */
public final class PostgresServers {
  private PostgresServers() {}

  /** A running case API with an HTTP client to it; closing it closes both. */
  record Running(EmbeddedServer server, HttpClient http, Api api) implements AutoCloseable {
    <T> T bean(Class<T> type) {
      return server.getApplicationContext().getBean(type);
    }

    @Override
    public void close() {
      http.close();
      server.close();
    }
  }

  public static EmbeddedServer start(PostgresDatabase database) {
    Map<String, Object> config = new HashMap<>();
    config.put("datasources.default.url", database.jdbcUrl());
    config.put("datasources.default.username", database.user());
    config.put("datasources.default.password", database.password());
    config.put("datasources.default.driver-class-name", "org.postgresql.Driver");
    config.put("datasources.default.dialect", "POSTGRES");
    config.put("micronaut.server.port", -1);
    return ApplicationContext.run(EmbeddedServer.class, config, "test");
  }

  /** The server with a blocking client and the tests' {@link Api} on it. */
  static Running startWithClient(PostgresDatabase database) {
    EmbeddedServer server = start(database);
    HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
    return new Running(server, http, new Api(http.toBlocking()));
  }
}
