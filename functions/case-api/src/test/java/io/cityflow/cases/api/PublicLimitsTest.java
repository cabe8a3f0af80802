package io.cityflow.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
@Property(name = "cityflow.public.rate-limit.capacity", value = "3")
@Property(name = "cityflow.public.rate-limit.per-minute", value = "1")
@Property(name = "cityflow.public.max-body-bytes", value = "2000")
// Lets each test be its own client (by X-Forwarded-For), so their buckets do not mix.
@Property(name = "cityflow.public.trust-forwarded-for", value = "true")
class PublicLimitsTest {
  @Inject
  @Client("/")
  HttpClient client;

  @Test
  void aClientThatSendsTooFastIsToldToSlowDown() {
    Api api = new Api(client.toBlocking());
    for (int i = 0; i < 3; i++) {
      assertThat(api.track("YC-2026-999999", "NOPE").status()).isEqualTo(404);
    }

    Api.Reply limited = api.track("YC-2026-999999", "NOPE");

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void certificateChecksAreLimitedLikeTheOtherPublicCalls() {
    Api api = new Api(client.toBlocking());
    for (int i = 0; i < 3; i++) {
      assertThat(api.send(certificateCheck()).status()).isEqualTo(404);
    }

    Api.Reply limited = api.send(certificateCheck());

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.contentType()).isEqualTo("application/problem+json");
  }

  private static io.micronaut.http.MutableHttpRequest<?> certificateCheck() {
    return HttpRequest.GET("/api/public/certificates/AAAA-BBBB-CCCC-DDDD")
        .header("X-Forwarded-For", "203.0.113.7");
  }

  @Test
  void anOversizedBodyIsRefusedBeforeItIsRead() {
    Api api = new Api(client.toBlocking());
    String big = "{\"subject\":\"" + "x".repeat(5000) + "\"}";

    Api.Reply reply =
        api.send(
            HttpRequest.POST("/api/cases", big)
                .contentType("application/json")
                .header("Idempotency-Key", "oversized-1"));

    assertThat(reply.status()).isIn(413, 429);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
  }
}
