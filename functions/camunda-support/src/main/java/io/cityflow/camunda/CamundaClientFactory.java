package io.cityflow.camunda;

import io.camunda.client.CamundaClient;
import io.cityflow.secrets.SecretValues;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The one {@link CamundaClient} of a Micronaut host, built by {@link CamundaClients}. */
@Factory
class CamundaClientFactory {

  @Singleton
  @Bean(preDestroy = "close")
  CamundaClient camundaClient(CamundaProperties properties, BeanProvider<SecretValues> secrets) {
    // The reader is looked up only when a secret is configured: it builds an AWS SDK client.
    return CamundaClients.build(
        properties,
        () -> {
          if (!secrets.isPresent()) {
            throw new IllegalStateException(
                "cityflow.camunda.credentials-secret-arn is set, but secrets are read only"
                    + " in the aws environment (MICRONAUT_ENVIRONMENTS=aws)");
          }
          return secrets.get();
        });
  }
}
