package io.cityflow.devices.config;

import io.cityflow.devices.persistence.SingleConnectionDataSource;
import io.cityflow.secrets.SecretFields;
import io.cityflow.secrets.SecretValues;
import java.time.Duration;
import java.util.Properties;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * On AWS, the database user and password from the secret named by {@code
 * cityflow.database.secret-arn} ({@code CITYFLOW_DATABASE_SECRET_ARN}), read with camunda-support's
 * {@link SecretValues} as the Micronaut hosts do (ADR 0012): read when first needed, read again
 * when the database refuses them. A class of its own, so that the AWS SDK loads only when a secret
 * is configured.
 */
final class SecretLogin implements SingleConnectionDataSource.Login, AutoCloseable {
  private final SecretsManagerClient client;
  private final SecretValues secrets;
  private final String secretArn;

  SecretLogin(String secretArn, Duration minRereadInterval) {
    // Region and credentials come from the runtime, as for camunda-support's client.
    this.client =
        SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    this.secrets = new SecretValues(client, minRereadInterval);
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

  @Override
  public void close() {
    client.close();
  }
}
