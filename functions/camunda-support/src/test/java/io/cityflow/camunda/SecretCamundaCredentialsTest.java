package io.cityflow.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Topology;
import io.cityflow.secrets.FakeSecretsManager;
import io.cityflow.secrets.SecretValues;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Camunda client of the {@code aws} environment signs in with the client credentials of a
 * Secrets Manager secret, and follows a rotation. Real HTTP throughout: the real Camunda client
 * against a local stand-in for the cluster and its token endpoint, the real SDK client against a
 * local Secrets Manager stand-in.
 */
class SecretCamundaCredentialsTest {

  private static final String ARN =
      "arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:cityflow-dev/camunda-client-Q1w2E3";
  private static final String TOPOLOGY =
      """
      {"brokers":[{"nodeId":0,"host":"localhost","port":26501,"version":"8.9.0",
        "partitions":[{"partitionId":1,"role":"leader","health":"healthy"}]}],
       "clusterSize":1,"partitionsCount":1,"replicationFactor":1,"gatewayVersion":"8.9.0"}
      """;

  private final FakeSecretsManager secretsManager = FakeSecretsManager.start();
  private final Cluster cluster = new Cluster();

  @AfterEach
  void stop() {
    secretsManager.close();
    cluster.close();
  }

  @Test
  void signsInWithTheClientCredentialsOfTheSecret() {
    // given the credentials in the secret, and a cluster that accepts only them
    secretsManager.put(ARN, "{\"clientId\":\"cityflow-dev\",\"clientSecret\":\"first\"}");
    cluster.acceptedSecret = "first";
    try (ApplicationContext context = awsContext()) {

      // when the client calls the cluster
      Topology topology = context.getBean(CamundaClient.class).newTopologyRequest().send().join();

      // then it fetched a token with the secret's values and presented it
      assertThat(topology.getGatewayVersion()).isEqualTo("8.9.0");
      assertThat(cluster.tokenRequests)
          .singleElement()
          .satisfies(
              form ->
                  assertThat(form)
                      .containsEntry("client_id", "cityflow-dev")
                      .containsEntry("client_secret", "first")
                      .containsEntry("audience", "zeebe.camunda.io"));
      assertThat(cluster.authorizations).containsOnly("Bearer token-first");
    }
  }

  @Test
  void followsARotatedClientSecretWhenTheClusterRefusesTheOldOne() {
    // given a client that signed in, then a rotation: new secret, old token and secret refused
    secretsManager.put(ARN, "{\"clientId\":\"cityflow-dev\",\"clientSecret\":\"first\"}");
    cluster.acceptedSecret = "first";
    try (ApplicationContext context = awsContext()) {
      CamundaClient client = context.getBean(CamundaClient.class);
      client.newTopologyRequest().send().join();
      secretsManager.put(ARN, "{\"clientId\":\"cityflow-dev\",\"clientSecret\":\"second\"}");
      cluster.acceptedSecret = "second";

      // when it calls the cluster again
      Topology topology = client.newTopologyRequest().send().join();

      // then it read the secret again and signed in with the new client secret
      assertThat(topology.getBrokers()).hasSize(1);
      assertThat(secretsManager.reads()).isEqualTo(2);
      assertThat(cluster.tokenRequests)
          .extracting(form -> form.get("client_secret"))
          .endsWith("second");
      assertThat(cluster.authorizations).endsWith("Bearer token-second");
    }
  }

  @Test
  void startsWorkingOnceTheOperatorReplacesThePlaceholderCredentials() {
    // given a first deployment: the secret still holds the generated placeholder
    secretsManager.put(ARN, "{\"clientId\":\"not-set\",\"clientSecret\":\"Xq83kPl0\"}");
    cluster.acceptedSecret = "real";
    try (ApplicationContext context = awsContext()) {
      CamundaClient client = context.getBean(CamundaClient.class);
      assertThatThrownBy(() -> client.newTopologyRequest().send().join())
          .as("the token endpoint refuses the placeholder");

      // when the operator puts the real credentials into the secret
      secretsManager.put(ARN, "{\"clientId\":\"cityflow-dev\",\"clientSecret\":\"real\"}");
      Topology topology = client.newTopologyRequest().send().join();

      // then the next call reads them and succeeds, without a restart
      assertThat(topology.getGatewayVersion()).isEqualTo("8.9.0");
      assertThat(cluster.tokenRequests)
          .extracting(form -> form.get("client_id"))
          .contains("not-set")
          .endsWith("cityflow-dev");
      assertThat(cluster.authorizations).containsOnly("Bearer token-real");
    }
  }

  @Test
  void buildsTheSameClientWithoutAMicronautContext() {
    // given the credentials in the secret, and the settings as plain properties
    secretsManager.put(ARN, "{\"clientId\":\"cityflow-dev\",\"clientSecret\":\"first\"}");
    cluster.acceptedSecret = "first";
    CamundaProperties properties = new CamundaProperties();
    properties.setRestAddress(URI.create(cluster.address()));
    properties.setAuthorizationServerUrl(URI.create(cluster.address() + "/oauth/token"));
    properties.setAudience("zeebe.camunda.io");
    properties.setCredentialsSecretArn(ARN);
    SecretValues secrets = new SecretValues(secretsManager.client(), Duration.ZERO);

    // when the client built by CamundaClients calls the cluster
    try (CamundaClient client = CamundaClients.build(properties, () -> secrets)) {
      Topology topology = client.newTopologyRequest().send().join();

      // then it signed in with the secret's values, as the Micronaut host's client does
      assertThat(topology.getGatewayVersion()).isEqualTo("8.9.0");
      assertThat(cluster.tokenRequests)
          .singleElement()
          .satisfies(form -> assertThat(form).containsEntry("client_secret", "first"));
      assertThat(cluster.authorizations).containsOnly("Bearer token-first");
    }
  }

  @Test
  void asksForNoSecretReaderWhenNoSecretIsConfigured() {
    // given an engine without sign-in (the local stack)
    CamundaProperties properties = new CamundaProperties();
    properties.setRestAddress(URI.create(cluster.address()));

    // when the client is built, with a reader that must not be asked for
    try (CamundaClient client =
        CamundaClients.build(
            properties,
            () -> {
              throw new AssertionError("no secret is configured");
            })) {

      // then it calls the cluster without a token (which this cluster refuses)
      assertThatThrownBy(() -> client.newTopologyRequest().send().join());
      assertThat(cluster.authorizations).containsOnly("null");
      assertThat(cluster.tokenRequests).isEmpty();
    }
  }

  @Test
  void refusesASecretArnOutsideTheAwsEnvironment() {
    // given the ARN but not the aws environment
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "cityflow.camunda.rest-address",
                cluster.address(),
                "cityflow.camunda.credentials-secret-arn",
                ARN))) {

      // then the client is not built with credentials it cannot read
      assertThatThrownBy(() -> context.getBean(CamundaClient.class))
          .isInstanceOf(BeanInstantiationException.class)
          .hasStackTraceContaining("only in the aws environment");
    }
  }

  private ApplicationContext awsContext() {
    return ApplicationContext.builder()
        .environments("aws")
        .properties(
            Map.of(
                "cityflow.camunda.rest-address",
                cluster.address(),
                "cityflow.camunda.authorization-server-url",
                cluster.address() + "/oauth/token",
                "cityflow.camunda.audience",
                "zeebe.camunda.io",
                "cityflow.camunda.credentials-secret-arn",
                ARN,
                "cityflow.secrets.min-reread-interval",
                "0s"))
        .singletons(secretsManager.client())
        .start();
  }

  /** A stand-in for the cluster's REST API and its OAuth token endpoint. */
  private static final class Cluster implements AutoCloseable {
    volatile String acceptedSecret;
    final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    Cluster() {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      server.createContext("/oauth/token", this::token);
      server.createContext("/v2/topology", this::topology);
      server.start();
    }

    String address() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void token(HttpExchange exchange) throws IOException {
      Map<String, String> form =
          List.of(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                      .split("&"))
              .stream()
              .map(pair -> pair.split("=", 2))
              .collect(
                  Collectors.toMap(
                      pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
      tokenRequests.add(form);
      if (!form.getOrDefault("client_secret", "").equals(acceptedSecret)) {
        respond(exchange, 401, "{\"error\":\"invalid_client\"}");
        return;
      }
      respond(
          exchange,
          200,
          "{\"access_token\":\"token-"
              + acceptedSecret
              + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private void topology(HttpExchange exchange) throws IOException {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(String.valueOf(authorization));
      if (!("Bearer token-" + acceptedSecret).equals(authorization)) {
        respond(exchange, 401, "{\"title\":\"UNAUTHORIZED\",\"status\":401}");
        return;
      }
      respond(exchange, 200, TOPOLOGY);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
