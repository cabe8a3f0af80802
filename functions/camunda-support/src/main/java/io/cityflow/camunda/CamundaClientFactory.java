package io.cityflow.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import io.camunda.client.impl.oauth.OAuthCredentialsProviderBuilder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Builds the one {@link CamundaClient} of a process, over REST, from {@link CamundaProperties}. */
@Factory
class CamundaClientFactory {

  @Singleton
  @Bean(preDestroy = "close")
  CamundaClient camundaClient(CamundaProperties properties) {
    CamundaClientBuilder builder =
        CamundaClient.newClientBuilder()
            // Configuration comes from cityflow.camunda.* only, so that a stray CAMUNDA_* variable
            // on a developer's machine cannot point the platform at another cluster.
            .applyEnvironmentVariableOverrides(false)
            .restAddress(properties.getRestAddress())
            .preferRestOverGrpc(true)
            .defaultRequestTimeout(properties.getRequestTimeout());
    if (properties.usesOAuth()) {
      OAuthCredentialsProviderBuilder credentials =
          new OAuthCredentialsProviderBuilder()
              .clientId(properties.getClientId())
              .clientSecret(properties.getClientSecret());
      if (properties.getAuthorizationServerUrl() != null) {
        credentials.authorizationServerUrl(properties.getAuthorizationServerUrl().toString());
      }
      if (properties.getAudience() != null) {
        credentials.audience(properties.getAudience());
      }
      builder.credentialsProvider(credentials.build());
    }
    return builder.build();
  }
}
