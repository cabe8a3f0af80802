package io.cityflow.cases.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class MigrationsIT {

  @Test
  void migratesAnEmptyPostgresDatabaseAtStartup(PostgresDatabase database) throws Exception {
    // given
    Map<String, Object> config =
        Map.of(
            "datasources.default.url", database.jdbcUrl(),
            "datasources.default.username", database.user(),
            "datasources.default.password", database.password(),
            "datasources.default.dialect", "POSTGRES",
            "flyway.datasources.default.enabled", true);

    // when
    try (ApplicationContext ignored = ApplicationContext.run(config);
        Connection connection = database.connect()) {
      ResultSet tables =
          connection
              .createStatement()
              .executeQuery(
                  "select count(*) from information_schema.tables where table_name = 'department'");

      // then
      assertThat(tables.next()).isTrue();
      assertThat(tables.getInt(1)).isEqualTo(1);
    }
  }
}
