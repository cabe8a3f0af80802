package io.cityflow.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cityflow.testsupport.FreePort;
import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class EngineHealthIndicatorTest {

  private static final String TOPOLOGY =
      """
      {"brokers":[{"nodeId":0,"host":"localhost","port":26501,"version":"8.9.0",
        "partitions":[{"partitionId":1,"role":"leader","health":"healthy"}]}],
       "clusterSize":1,"partitionsCount":1,"replicationFactor":1,"gatewayVersion":"8.9.0"}
      """;

  @Test
  @SuppressWarnings("unchecked")
  void isUpWhenTheEngineAnswersItsTopology() throws Exception {
    // given an engine stand-in that answers GET /v2/topology
    HttpServer engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    engine.createContext(
        "/v2/topology",
        exchange -> {
          byte[] body = TOPOLOGY.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    engine.start();
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "cityflow.camunda.rest-address",
                "http://127.0.0.1:" + engine.getAddress().getPort()))) {

      // when
      HealthResult result = check(context);

      // then
      assertThat(result.getName()).isEqualTo("engine");
      assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
      assertThat((Map<String, Object>) result.getDetails())
          .containsEntry("gatewayVersion", "8.9.0")
          .containsEntry("brokers", 1);
    } finally {
      engine.stop(0);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void isDownWithTheReasonWhenNothingListens() {
    // given
    int closedPort = FreePort.next();
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of("cityflow.camunda.rest-address", "http://127.0.0.1:" + closedPort))) {

      // when
      HealthResult result = check(context);

      // then
      assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
      assertThat((Map<String, Object>) result.getDetails()).containsKey("error");
    }
  }

  private static HealthResult check(ApplicationContext context) {
    return Mono.from(context.getBean(EngineHealthIndicator.class).getResult()).block();
  }
}
