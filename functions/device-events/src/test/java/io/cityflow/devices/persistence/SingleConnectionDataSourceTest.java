package io.cityflow.devices.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleConnectionDataSourceTest {
  private final SingleConnectionDataSource dataSource =
      new SingleConnectionDataSource(
          "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, reread -> sa());

  private static Properties sa() {
    Properties credentials = new Properties();
    credentials.setProperty("user", "sa");
    return credentials;
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void lendsTheConnectionOpenedInTheBackgroundAgainAndAgain() throws Exception {
    // given
    dataSource.openInBackground();

    // when
    Connection first = unwrapped();
    Connection second = unwrapped();

    // then
    assertThat(second).isSameAs(first);
    assertThat(dataSource.holdsConnection()).isTrue();
  }

  @Test
  void opensAnExtraConnectionWhileTheHeldOneIsLentAndClosesItAfterwards() throws Exception {
    try (Connection lent = dataSource.getConnection()) {
      // when
      Connection extra = dataSource.getConnection();

      // then
      assertThat(extra.unwrap(JdbcConnection.class)).isNotSameAs(lent.unwrap(JdbcConnection.class));
      extra.close();
      assertThat(extra.isClosed()).isTrue();
      assertThat(lent.isClosed()).isFalse();
    }
  }

  @Test
  void rollsBackWhatABorrowerLeftOpen() throws Exception {
    // given a borrower that writes in a transaction and gives the connection back uncommitted
    try (Connection connection = dataSource.getConnection()) {
      connection.createStatement().execute("create table t (x int)");
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      connection.createStatement().execute("insert into t values (1)");
    }

    // then the next borrower sees nothing of it, in auto-commit mode
    try (Connection connection = dataSource.getConnection();
        ResultSet rows = connection.createStatement().executeQuery("select count(*) from t")) {
      rows.next();
      assertThat(rows.getInt(1)).isZero();
      assertThat(connection.getAutoCommit()).isTrue();
    }
  }

  @Test
  void opensANewConnectionAfterAnEviction() throws Exception {
    // given
    Connection before = unwrapped();

    // when
    dataSource.evict();

    // then
    assertThat(dataSource.holdsConnection()).isFalse();
    assertThat(before.isClosed()).isTrue();
    Connection after = unwrapped();
    assertThat(after).isNotSameAs(before);
    assertThat(after.isClosed()).isFalse();
  }

  private Connection unwrapped() throws SQLException {
    try (Connection lent = dataSource.getConnection()) {
      return lent.unwrap(JdbcConnection.class);
    }
  }
}
