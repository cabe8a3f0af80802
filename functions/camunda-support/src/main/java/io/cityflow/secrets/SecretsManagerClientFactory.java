package io.cityflow.secrets;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The Secrets Manager client of the {@code aws} environment. */
@Factory
@Requires(env = "aws")
class SecretsManagerClientFactory {

  @Singleton
  @Bean(preDestroy = "close")
  @Requires(missingBeans = SecretsManagerClient.class)
  SecretsManagerClient secretsManagerClient() {
    // Region and credentials come from the runtime: AWS_REGION and the function's or task's role.
    // The JDK's HTTP client keeps the Lambda jars small and starts fast.
    return SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
  }
}
