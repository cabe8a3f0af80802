package io.cityflow.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The datasource of the {@code aws} environment takes its user and password from the database
 * secret, against a real PostgreSQL and the real SDK client (talking to a local Secrets Manager
 * stand-in).
 */
@ExtendWith(PostgresExtension.class)
class DatabaseSecretCredentialsIT {

  private static final String ARN =
      "arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:DatabaseSecret-XyZ";

  private final FakeSecretsManager secretsManager = FakeSecretsManager.start();

  @AfterEach
  void stop() {
    secretsManager.close();
  }

  @Test
  void connectsAsTheSecretsUserWhateverIsConfigured(PostgresDatabase database) throws Exception {
    // given the secret with the real credentials, and wrong ones in the configuration
    secretsManager.put(ARN, credentials(database.user(), database.password()));
    try (ApplicationContext context = awsContext(database)) {

      // when the application opens a connection
      String user = currentUser(context.getBean(DataSource.class));

      // then it signed in as the secret's user
      assertThat(user).isEqualTo(database.user());
    }
  }

  @Test
  void readsTheSecretAgainWhenTheDatabaseRefusesTheCredentialsItHolds(PostgresDatabase database)
      throws Exception {
    // given a process that read the secret before it changed. (The test server trusts local
    // connections whatever their password, so the stale value is a user it refuses: SQL state
    // class 28, as a rotated password gives.)
    secretsManager.put(ARN, credentials("user_before_rotation", "old-password"));
    secretsManager.rotateAfterNextRead(ARN, credentials(database.user(), database.password()));

    // when the pool opens its first connection (at start) with the stale credentials
    try (ApplicationContext context = awsContext(database)) {
      String user = currentUser(context.getBean(DataSource.class));

      // then the refusal made it read the secret again, and the connection succeeded
      assertThat(user).isEqualTo(database.user());
      assertThat(secretsManager.reads()).isEqualTo(2);
    }
  }

  @Test
  void leavesTheConfiguredCredentialsAloneOutsideTheAwsEnvironment(PostgresDatabase database)
      throws Exception {
    // given the ARN, but not the aws environment (a developer's machine)
    secretsManager.put(ARN, credentials("someone_else", "x"));
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "datasources.default.url", database.jdbcUrl(),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.username", database.user(),
                "datasources.default.password", database.password(),
                "cityflow.database.secret-arn", ARN))) {

      // when the application opens a connection
      String user = currentUser(context.getBean(DataSource.class));

      // then it used the configured user, and Secrets Manager was never asked
      assertThat(user).isEqualTo(database.user());
      assertThat(secretsManager.reads()).isZero();
      assertThat(context.containsBean(SecretValues.class)).isFalse();
    }
  }

  private ApplicationContext awsContext(PostgresDatabase database) {
    return ApplicationContext.builder()
        .environments("aws")
        .properties(
            Map.of(
                "datasources.default.url", database.jdbcUrl(),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.username", "sa",
                "datasources.default.password", "not-the-password",
                "datasources.default.maximum-pool-size", 2,
                "cityflow.database.secret-arn", ARN,
                "cityflow.secrets.min-reread-interval", "0s"))
        .singletons(secretsManager.client())
        .start();
  }

  private static String credentials(String user, String password) {
    return "{\"engine\":\"postgres\",\"username\":\""
        + user
        + "\",\"password\":\""
        + password
        + "\",\"port\":5432}";
  }

  private static String currentUser(DataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection();
        ResultSet row = connection.createStatement().executeQuery("select current_user")) {
      row.next();
      return row.getString(1);
    }
  }
}
