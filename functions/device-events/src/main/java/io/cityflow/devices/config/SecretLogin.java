package io.cityflow.devices.config;

import io.cityflow.secrets.DatabaseLogin;
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
final class SecretLogin implements DatabaseLogin, AutoCloseable {
  private final SecretsManagerClient client;
  private final DatabaseLogin login;

  SecretLogin(String secretArn, Duration minRereadInterval) {
    // Region and credentials come from the runtime, as for camunda-support's client.
    this.client =
        SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    this.login = DatabaseLogin.ofSecret(new SecretValues(client, minRereadInterval), secretArn);
  }

  @Override
  public Properties credentials(boolean reread) {
    return login.credentials(reread);
  }

  @Override
  public void close() {
    client.close();
  }
}
