package io.cityflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.ProcessModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackIT {

  @Test
  void servesHealthInProcessWithTheGivenOverrides() throws Exception {
    // given
    try (LocalStack stack =
        LocalStack.start(
            Map.of(
                "micronaut.server.port",
                -1,
                "datasources.default.url",
                "jdbc:h2:mem:local-stack-it;DB_CLOSE_DELAY=-1"))) {

      // when
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(stack.apiUrl().resolve(URI.create("/health"))).build(),
                  HttpResponse.BodyHandlers.ofString());

      // then
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body())
          .contains("\"database\"")
          .contains("\"engine\"")
          .contains("\"workers\"")
          .contains("\"status\":\"UP\"")
          .doesNotContain("DOWN");
      assertThat(ReadyBanner.render(stack, 1234)).contains("started in 1.2 s").contains("/health");
      assertThat(stack.bean(ProcessModels.class).models())
          .as("the shipped models, deployed at start")
          .extracting(ProcessModels.DeployedModel::id)
          .contains(
              "hotline-ticket",
              "smartphone-approval",
              "community-service-request",
              "device-maintenance",
              "notify-citizen",
              "request-information");
    }
  }
}
