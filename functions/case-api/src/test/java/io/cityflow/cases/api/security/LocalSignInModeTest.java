package io.cityflow.cases.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class LocalSignInModeTest {
  @Inject
  @Client("/")
  HttpClient client;

  @Test
  @SuppressWarnings("rawtypes")
  void tellsThePagesToUseTheLocalSignIn() {
    // when the pages ask how to sign in, without a token
    HttpResponse<Map> response =
        client.toBlocking().exchange(HttpRequest.GET("/api/web/sign-in"), Map.class);

    // then: the local sign-in, and nothing about an issuer
    assertThat(response.code()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Map.of("mode", "local"));
  }
}
