package io.cityflow.conformance;

import io.camunda.client.CamundaClient;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The conformance suite against Camunda's own image ({@code camunda/camunda:8.9}, or {@code
 * CONFORMANCE_CAMUNDA_IMAGE}) in Testcontainers: H2 secondary storage, no authentication, and the
 * controlled clock the timer scenarios need. Skipped where Docker is absent, or when {@code
 * CONFORMANCE_CONTAINER=false} (the first run pulls a large image and the cluster takes minutes).
 */
@DisabledIfEnvironmentVariable(
    named = "CONFORMANCE_CONTAINER",
    matches = "false",
    disabledReason = "CONFORMANCE_CONTAINER=false: not starting Camunda's image")
@EnabledIf(
    value = "dockerIsAvailable",
    disabledReason = "Docker is not available: cannot start Camunda's image")
class CamundaContainerConformanceIT extends CamundaConformanceSuite {

  private static GenericContainer<?> camunda;
  private static CamundaClient client;

  static boolean dockerIsAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  @BeforeAll
  static void startCamunda() {
    String image =
        Optional.ofNullable(System.getenv("CONFORMANCE_CAMUNDA_IMAGE"))
            .orElse("camunda/camunda:8.9");
    camunda =
        new GenericContainer<>(DockerImageName.parse(image))
            .withExposedPorts(8080, 26500, 9600)
            .withEnv("CAMUNDA_DATA_SECONDARYSTORAGE_TYPE", "rdbms")
            .withEnv(
                "CAMUNDA_DATA_SECONDARYSTORAGE_RDBMS_URL", "jdbc:h2:mem:camunda;DB_CLOSE_DELAY=-1")
            .withEnv("CAMUNDA_DATA_SECONDARYSTORAGE_RDBMS_USERNAME", "sa")
            .withEnv("CAMUNDA_DATA_SECONDARYSTORAGE_RDBMS_PASSWORD", "")
            .withEnv("CAMUNDA_SECURITY_AUTHENTICATION_UNPROTECTEDAPI", "true")
            .withEnv("CAMUNDA_SECURITY_AUTHORIZATIONS_ENABLED", "false")
            .withEnv("ZEEBE_CLOCK_CONTROLLED", "true")
            .waitingFor(
                Wait.forHttp("/v2/topology")
                    .forPort(8080)
                    .forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(5)));
    camunda.start();
    client =
        CamundaClient.newClientBuilder()
            .applyEnvironmentVariableOverrides(false)
            .restAddress(
                URI.create("http://" + camunda.getHost() + ":" + camunda.getMappedPort(8080)))
            .grpcAddress(
                URI.create("http://" + camunda.getHost() + ":" + camunda.getMappedPort(26500)))
            .preferRestOverGrpc(true)
            .build();
  }

  @AfterAll
  static void stopCamunda() {
    if (client != null) {
      client.close();
    }
    if (camunda != null) {
      camunda.stop();
    }
  }

  @Override
  protected CamundaClient client() {
    return client;
  }
}
