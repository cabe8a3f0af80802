package io.cityflow.secrets;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The user and password a data source signs in with, read again ({@code reread}) after the database
 * refused them: what a rotated secret needs (ADR 0012).
 */
public interface DatabaseLogin {

  Properties credentials(boolean reread);

  /** The {@code username} and {@code password} of a Secrets Manager secret (RDS's shape). */
  static DatabaseLogin ofSecret(SecretValues secrets, String secretArn) {
    return new SecretDatabaseLogin(secrets, secretArn);
  }

  /**
   * Connects with the current credentials plus {@code settings}. When the database refuses them
   * (SQL state class 28, invalid authorization), reads them again and, if they changed, tries once
   * more.
   */
  static Connection connect(DatabaseLogin login, Driver driver, String url, Properties settings)
      throws SQLException {
    Properties credentials = login.credentials(false);
    try {
      return open(driver, url, credentials, settings);
    } catch (SQLException e) {
      if (!refusedCredentials(e)) {
        throw e;
      }
      Properties renewed = login.credentials(true);
      if (renewed.equals(credentials)) {
        throw e;
      }
      return open(driver, url, renewed, settings);
    }
  }

  private static Connection open(
      Driver driver, String url, Properties credentials, Properties settings) throws SQLException {
    Properties properties = new Properties();
    properties.putAll(settings);
    properties.putAll(credentials);
    Connection connection = driver.connect(url, properties);
    if (connection == null) {
      throw new SQLException("the JDBC driver " + driver.getClass().getName() + " rejects " + url);
    }
    return connection;
  }

  private static boolean refusedCredentials(SQLException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("28")) {
        return true;
      }
    }
    return false;
  }
}
