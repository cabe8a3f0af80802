package io.cityflow.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class HealthTest {

  @Inject
  @Client("/")
  HttpClient client;

  @Test
  @SuppressWarnings("unchecked")
  void reportsTheDatabaseAsUp() {
    // when
    HttpResponse<Map> response = client.toBlocking().exchange("/health", Map.class);

    // then
    assertThat(response.getStatus().getCode()).isEqualTo(HttpStatus.OK.getCode());
    Map<String, Object> body = response.body();
    assertThat(body).containsEntry("status", "UP");
    Map<String, Map<String, Object>> details =
        (Map<String, Map<String, Object>>) body.get("details");
    assertThat(details.get("database")).containsEntry("status", "UP");
    assertThat((Map<String, Object>) details.get("database").get("details"))
        .containsEntry("product", "H2");
  }
}
