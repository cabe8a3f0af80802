package io.cityflow.cases.api;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Reports the case database as the "database" part of {@code GET /health}. */
@Singleton
@Readiness
class DatabaseHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

  private final DataSource dataSource;

  DatabaseHealthIndicator(DataSource dataSource) {
    // The injected data source only hands out connections inside a transaction; health checks run
    // outside one, so they use the pool underneath.
    this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      boolean valid = connection.isValid(2);
      healthStatus = valid ? HealthStatus.UP : HealthStatus.DOWN;
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("product", meta.getDatabaseProductName());
      details.put("version", meta.getDatabaseProductVersion());
      details.put("url", meta.getURL());
      return details;
    } catch (SQLException e) {
      healthStatus = HealthStatus.DOWN;
      return Map.of("error", String.valueOf(e.getMessage()));
    }
  }

  @Override
  protected String getName() {
    return "database";
  }
}
