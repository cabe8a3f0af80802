package io.cityflow.secrets;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens connections with the {@code username} and {@code password} of a Secrets Manager secret (the
 * shape RDS gives its generated secrets). When the database refuses them (SQL state class 28: the
 * password was rotated), it reads the secret again and tries once more with the new values, so the
 * connection pool heals itself after a rotation. The pool sits on top of this data source.
 */
final class SecretCredentialsDataSource implements DataSource {

  private final String url;
  private final Driver driver;
  private final DatabaseLogin login;
  private final String secretArn;

  SecretCredentialsDataSource(String url, Driver driver, SecretValues secrets, String secretArn) {
    this.url = url;
    this.driver = driver;
    this.login = DatabaseLogin.ofSecret(secrets, secretArn);
    this.secretArn = secretArn;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return DatabaseLogin.connect(login, driver, url, new Properties());
  }

  /** Not supported: the credentials are the secret's, never the caller's. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "credentials come from the secret " + secretArn + ", not from the caller");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // Logging goes through SLF4J.
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // The pool applies its own connection timeout.
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
