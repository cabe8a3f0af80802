package io.cityflow.secrets;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections with the {@code username} and {@code password} of a Secrets Manager secret (the
 * shape RDS gives its generated secrets). When the database refuses them (SQL state class 28: the
 * password was rotated), it reads the secret again and tries once more with the new values, so the
 * connection pool heals itself after a rotation. The pool sits on top of this data source.
 */
final class SecretCredentialsDataSource extends LoginDataSource {

  private final String url;
  private final Driver driver;
  private final DatabaseLogin login;

  SecretCredentialsDataSource(String url, Driver driver, SecretValues secrets, String secretArn) {
    this.url = url;
    this.driver = driver;
    this.login = DatabaseLogin.ofSecret(secrets, secretArn);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return DatabaseLogin.connect(login, driver, url, new Properties());
  }
}
