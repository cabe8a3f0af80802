package io.cityflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresExtensionTest {

  @Test
  void givesTheClassAnEmptyDatabaseOfItsOwn(PostgresDatabase database) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      // when
      statement.execute("create table probe (id int primary key)");
      statement.execute("insert into probe values (7)");
      ResultSet rows = statement.executeQuery("select current_database(), (select id from probe)");

      // then
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo(database.name()).startsWith("t_");
      assertThat(rows.getInt(2)).isEqualTo(7);
    }
  }

  @Test
  void sharesOneDatabaseAcrossTheMethodsOfAClass(PostgresDatabase first, PostgresDatabase again) {
    assertThat(again.name()).isEqualTo(first.name());
    assertThat(first.jdbcUrl()).endsWith("/" + first.name());
  }
}
