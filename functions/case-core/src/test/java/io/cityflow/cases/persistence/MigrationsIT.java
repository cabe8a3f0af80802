package io.cityflow.cases.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class MigrationsIT {

  private static int count(Connection connection, String sql) throws Exception {
    ResultSet rs = connection.createStatement().executeQuery(sql);
    rs.next();
    return rs.getInt(1);
  }

  @Test
  void migratesAnEmptyPostgresDatabaseAndSeedsTheDirectory(PostgresDatabase database)
      throws Exception {
    // when
    try (ApplicationContext ignored = ApplicationContext.run(CaseDatabase.config(database));
        Connection connection = database.connect()) {

      // then
      assertThat(
              count(
                  connection,
                  "select count(*) from information_schema.tables where table_name in"
                      + " ('department', 'city_case', 'case_timeline', 'outbox_command',"
                      + " 'idempotency_key', 'staff_member', 'community', 'service_station')"))
          .isEqualTo(8);
      assertThat(count(connection, "select count(*) from department")).isEqualTo(55);
      assertThat(count(connection, "select count(distinct name_zh) from department")).isEqualTo(55);
      assertThat(count(connection, "select count(*) from community")).isPositive();
      assertThat(
              count(
                  connection,
                  "select count(*) from community c join service_station s"
                      + " on s.community_code = c.code"))
          .isEqualTo(count(connection, "select count(*) from community"));
    }
  }
}
