package io.cityflow.conformance;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import io.camunda.client.CredentialsProvider;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The conformance suite against any Camunda 8 cluster, named by {@code CONFORMANCE_REST_ADDRESS}
 * (for example {@code http://localhost:8080}). With {@code CONFORMANCE_CLIENT_ID} set, the client
 * authenticates with OAuth using {@code CONFORMANCE_CLIENT_SECRET}, {@code CONFORMANCE_AUTH_URL}
 * and {@code CONFORMANCE_AUDIENCE}. The cluster must allow the clock endpoints (controlled clock).
 */
@EnabledIfEnvironmentVariable(
    named = "CONFORMANCE_REST_ADDRESS",
    matches = ".+",
    disabledReason =
        "CONFORMANCE_REST_ADDRESS is not set: no remote Camunda 8 cluster to run against")
class RemoteClusterConformanceIT extends CamundaConformanceSuite {

  private static CamundaClient client;

  @BeforeAll
  static void connect() {
    CamundaClientBuilder builder =
        CamundaClient.newClientBuilder()
            .applyEnvironmentVariableOverrides(false)
            .restAddress(URI.create(System.getenv("CONFORMANCE_REST_ADDRESS")))
            .preferRestOverGrpc(true)
            .defaultRequestTimeout(Duration.ofSeconds(30));
    String clientId = System.getenv("CONFORMANCE_CLIENT_ID");
    if (clientId != null && !clientId.isBlank()) {
      builder.credentialsProvider(
          CredentialsProvider.newCredentialsProviderBuilder()
              .clientId(clientId)
              .clientSecret(System.getenv("CONFORMANCE_CLIENT_SECRET"))
              .authorizationServerUrl(System.getenv("CONFORMANCE_AUTH_URL"))
              .audience(System.getenv("CONFORMANCE_AUDIENCE"))
              .build());
    }
    client = builder.build();
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  @Override
  protected CamundaClient client() {
    return client;
  }
}
