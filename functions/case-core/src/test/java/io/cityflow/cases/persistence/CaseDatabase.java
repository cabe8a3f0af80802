package io.cityflow.cases.persistence;

import io.cityflow.testsupport.PostgresDatabase;
import java.util.HashMap;
import java.util.Map;

/** Configuration for an application context on a test PostgreSQL database. */
final class CaseDatabase {
  private CaseDatabase() {}

  static Map<String, Object> config(PostgresDatabase database) {
    Map<String, Object> config = new HashMap<>();
    config.put("datasources.default.url", database.jdbcUrl());
    config.put("datasources.default.username", database.user());
    config.put("datasources.default.password", database.password());
    config.put("datasources.default.dialect", "POSTGRES");
    config.put("datasources.default.maximum-pool-size", 8);
    config.put("flyway.datasources.default.enabled", true);
    return config;
  }
}
