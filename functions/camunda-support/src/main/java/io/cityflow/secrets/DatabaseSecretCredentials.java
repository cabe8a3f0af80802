package io.cityflow.secrets;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * On AWS, gives the default datasource's connection pool the database user and password from the
 * secret named by {@value #SECRET_ARN} ({@code CITYFLOW_DATABASE_SECRET_ARN}, set by the
 * deployment), instead of configured ones. URL, driver and pool settings stay as configured.
 */
@Singleton
@Requires(env = "aws")
@Requires(property = DatabaseSecretCredentials.SECRET_ARN)
class DatabaseSecretCredentials implements BeanCreatedEventListener<DatasourceConfiguration> {

  /** The property with the ARN of the database secret. */
  static final String SECRET_ARN = "cityflow.database.secret-arn";

  private final SecretValues secrets;
  private final String secretArn;

  DatabaseSecretCredentials(SecretValues secrets, @Property(name = SECRET_ARN) String secretArn) {
    this.secrets = secrets;
    this.secretArn = secretArn;
  }

  @Override
  public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
    DatasourceConfiguration configuration = event.getBean();
    if (!"default".equals(configuration.getName())) {
      return configuration;
    }
    configuration.setDataSource(
        new SecretCredentialsDataSource(
            configuration.getUrl(), driver(configuration), secrets, secretArn));
    // With a user set, the pool would pass configured credentials; without, it asks the data
    // source above, which takes them from the secret.
    configuration.setUsername(null);
    configuration.setPassword(null);
    return configuration;
  }

  private static Driver driver(DatasourceConfiguration configuration) {
    try {
      String className = configuration.getDriverClassName();
      if (className == null) {
        return DriverManager.getDriver(configuration.getUrl());
      }
      return (Driver)
          Class.forName(className, true, DatabaseSecretCredentials.class.getClassLoader())
              .getDeclaredConstructor()
              .newInstance();
    } catch (ReflectiveOperationException | SQLException e) {
      throw new IllegalStateException(
          "no JDBC driver for the datasource " + configuration.getName(), e);
    }
  }
}
