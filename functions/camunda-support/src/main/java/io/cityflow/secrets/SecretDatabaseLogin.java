package io.cityflow.secrets;

import java.util.Properties;

/** {@link DatabaseLogin#ofSecret}: a class rather than a lambda, cheap on a Lambda cold start. */
final class SecretDatabaseLogin implements DatabaseLogin {
  private final SecretValues secrets;
  private final String secretArn;

  SecretDatabaseLogin(SecretValues secrets, String secretArn) {
    this.secrets = secrets;
    this.secretArn = secretArn;
  }

  @Override
  public Properties credentials(boolean reread) {
    SecretFields fields = reread ? secrets.reread(secretArn) : secrets.current(secretArn);
    Properties properties = new Properties();
    properties.setProperty("user", fields.require("username"));
    properties.setProperty("password", fields.require("password"));
    return properties;
  }
}
