package io.cityflow.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.impl.oauth.OAuthCredentialsProviderBuilder;
import io.cityflow.secrets.SecretValues;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Builds the one {@link CamundaClient} of a process, over REST, from {@link CamundaProperties}. It
 * signs in with OAuth client credentials when they are configured, or, on AWS, when the ARN of the
 * secret that holds them is.
 */
@Factory
class CamundaClientFactory {

  @Singleton
  @Bean(preDestroy = "close")
  CamundaClient camundaClient(CamundaProperties properties, BeanProvider<SecretValues> secrets) {
    CamundaClientBuilder builder =
        CamundaClient.newClientBuilder()
            // Configuration comes from cityflow.camunda.* only, so that a stray CAMUNDA_* variable
            // on a developer's machine cannot point the platform at another cluster.
            .applyEnvironmentVariableOverrides(false)
            .restAddress(properties.getRestAddress())
            .preferRestOverGrpc(true)
            .defaultRequestTimeout(properties.getRequestTimeout());
    credentials(properties, secrets).ifPresent(builder::credentialsProvider);
    return builder.build();
  }

  /** The reader is looked up only when a secret is configured: it builds an AWS SDK client. */
  private static Optional<CredentialsProvider> credentials(
      CamundaProperties properties, BeanProvider<SecretValues> secrets) {
    String secretArn = properties.getCredentialsSecretArn();
    if (secretArn != null && !secretArn.isBlank()) {
      if (!secrets.isPresent()) {
        throw new IllegalStateException(
            "cityflow.camunda.credentials-secret-arn is set, but secrets are read only"
                + " in the aws environment (MICRONAUT_ENVIRONMENTS=aws)");
      }
      return Optional.of(
          new SecretCamundaCredentials(
              secrets.get(), secretArn, (id, secret) -> oauth(properties, id, secret)));
    }
    if (properties.usesOAuth()) {
      return Optional.of(oauth(properties, properties.getClientId(), properties.getClientSecret()));
    }
    return Optional.empty();
  }

  private static CredentialsProvider oauth(
      CamundaProperties properties, String clientId, String clientSecret) {
    OAuthCredentialsProviderBuilder credentials =
        new OAuthCredentialsProviderBuilder()
            .applyEnvironmentOverrides(false)
            .clientId(clientId)
            .clientSecret(clientSecret)
            // The default cache is in the home directory, which is read-only on Lambda and in the
            // workers' container; a process-private file under the temp directory works on both.
            .credentialsCachePath(tokenCache());
    if (properties.getAuthorizationServerUrl() != null) {
      credentials.authorizationServerUrl(properties.getAuthorizationServerUrl().toString());
    }
    if (properties.getAudience() != null) {
      credentials.audience(properties.getAudience());
    }
    return credentials.build();
  }

  private static String tokenCache() {
    try {
      return Files.createTempDirectory("cityflow-camunda").resolve("credentials").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
