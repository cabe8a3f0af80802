package io.cityflow.devices.config;

import io.cityflow.secrets.SecretValues;
import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A Lambda function's one Secrets Manager reader (camunda-support's {@link SecretValues}), shared
 * by the database login ({@code cityflow.database.secret-arn}) and the Camunda client credentials
 * ({@code cityflow.camunda.credentials-secret-arn}), built when first asked for. A class of its
 * own, made only when a secret is configured, so that the AWS SDK loads only then.
 */
final class LambdaSecrets implements AutoCloseable {
  private final Duration minRereadInterval;
  private SecretsManagerClient client;
  private SecretValues values;

  LambdaSecrets(Duration minRereadInterval) {
    this.minRereadInterval = minRereadInterval;
  }

  synchronized SecretValues values() {
    if (values == null) {
      // Region and credentials come from the runtime: AWS_REGION and the function's role.
      client = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
      values = new SecretValues(client, minRereadInterval);
    }
    return values;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
      values = null;
    }
  }
}
