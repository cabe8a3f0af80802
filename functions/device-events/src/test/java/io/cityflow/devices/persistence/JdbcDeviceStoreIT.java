package io.cityflow.devices.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcDeviceStoreIT extends JdbcDeviceStoreContract {
  private final HikariDataSource dataSource;

  JdbcDeviceStoreIT(PostgresDatabase database) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setUsername(database.user());
    config.setPassword(database.password());
    config.setMaximumPoolSize(2);
    dataSource = new HikariDataSource(config);
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }

  @AfterAll
  void close() {
    dataSource.close();
  }
}
