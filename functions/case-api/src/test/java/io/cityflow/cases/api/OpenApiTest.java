package io.cityflow.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class OpenApiTest {
  @Inject
  @Client("/")
  HttpClient client;

  @Test
  void servesTheOpenApiDocumentGeneratedAtBuild() {
    String yaml = client.toBlocking().retrieve("/openapi/cityflow-case-api-0.1.yml");

    assertThat(yaml)
        .contains("openapi: 3")
        .contains("/api/cases/{reference}")
        .contains("/api/staff/cases/{reference}/transfer")
        .contains("Idempotency-Key");
  }
}
