package io.cityflow.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.impl.oauth.OAuthCredentialsProviderBuilder;
import io.cityflow.secrets.SecretValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.Supplier;

/**
 * Builds the one {@link CamundaClient} of a process, over REST, from {@link CamundaProperties}. It
 * signs in with OAuth client credentials when they are configured, or, on AWS, when the ARN of the
 * secret that holds them is. Plain Java, so that a process without a Micronaut context (the device
 * Lambda functions, ADR 0016) builds its client exactly as the Micronaut hosts do through {@link
 * CamundaClientFactory}.
 */
public final class CamundaClients {

  private CamundaClients() {}

  /**
   * @param secrets the reader of the credentials secret, asked for only when {@link
   *     CamundaProperties#getCredentialsSecretArn()} is set
   */
  public static CamundaClient build(CamundaProperties properties, Supplier<SecretValues> secrets) {
    CamundaClientBuilder builder =
        CamundaClient.newClientBuilder()
            // Configuration comes from cityflow.camunda.* only, so that a stray CAMUNDA_* variable
            // on a developer's machine cannot point the platform at another cluster.
            .applyEnvironmentVariableOverrides(false)
            .restAddress(properties.getRestAddress())
            .preferRestOverGrpc(true)
            .defaultRequestTimeout(properties.getRequestTimeout());
    CredentialsProvider credentials = credentials(properties, secrets);
    if (credentials != null) {
      builder.credentialsProvider(credentials);
    }
    return builder.build();
  }

  private static CredentialsProvider credentials(
      CamundaProperties properties, Supplier<SecretValues> secrets) {
    String secretArn = properties.getCredentialsSecretArn();
    if (secretArn != null && !secretArn.isBlank()) {
      return new SecretCamundaCredentials(
          secrets.get(), secretArn, (id, secret) -> oauth(properties, id, secret));
    }
    if (properties.usesOAuth()) {
      return oauth(properties, properties.getClientId(), properties.getClientSecret());
    }
    return null;
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
