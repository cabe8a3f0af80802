package io.cityflow.cases.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The API as deployed on AWS, with a stand-in issuer: the local sign-in is off, tokens are the
 * issuer's (its JWKS, its {@code iss}, the pages' client), and {@code GET /api/web/sign-in} tells
 * the pages where to sign in.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInTest implements TestPropertyProvider {
  /** The HMAC secret application.yml falls back to: public, so it must not open the API. */
  private static final String LOCAL_DEFAULT_SECRET =
      "local-only-jwt-secret-change-me-0123456789abcdef";

  private static final List<String> WATER_CLERK = List.of("role-CLERK", "dept-WATER_SUPPLY");

  private SigningIssuer issuer;

  @Inject
  @Client("/")
  HttpClient client;

  @Override
  public @NonNull Map<String, String> getProperties() {
    try {
      issuer = new SigningIssuer();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> properties = new HashMap<>();
    properties.put("cityflow.security.local-sign-in", "false");
    properties.put("micronaut.security.endpoints.login.enabled", "false");
    properties.put("micronaut.security.token.jwt.signatures.jwks.issuer.url", issuer.jwksUrl());
    properties.put("micronaut.security.token.jwt.claims-validators.issuer", issuer.issuer());
    properties.put("cityflow.auth.client-id", SigningIssuer.CLIENT_ID);
    properties.put("cityflow.auth.issuer", issuer.issuer());
    properties.put("cityflow.auth.authorization-endpoint", issuer.url() + "/oauth2/authorize");
    properties.put("cityflow.auth.token-endpoint", issuer.url() + "/oauth2/token");
    properties.put("cityflow.auth.logout-endpoint", issuer.url() + "/logout");
    return properties;
  }

  @AfterAll
  void stopIssuer() {
    issuer.close();
  }

  @Test
  void tellsThePagesToSignInWithTheIssuer() {
    // when the pages ask, without a token
    Map<String, Object> signIn = get(null, "/api/web/sign-in").body();

    // then they get the issuer's endpoints and the public client, and no revocation they cannot use
    assertThat(signIn)
        .containsEntry("mode", "oidc")
        .containsEntry("issuer", issuer.issuer())
        .containsEntry("clientId", SigningIssuer.CLIENT_ID)
        .containsEntry("authorizationEndpoint", issuer.url() + "/oauth2/authorize")
        .containsEntry("tokenEndpoint", issuer.url() + "/oauth2/token")
        .containsEntry("logoutEndpoint", issuer.url() + "/logout")
        .containsEntry("scopes", List.of("openid", "email", "profile"))
        .doesNotContainKey("revocationEndpoint");
  }

  @Test
  void acceptsTheIssuersTokenWithItsGroups() throws Exception {
    // given an access token of a water clerk, signed by the issuer
    String token = issuer.sign(issuer.accessClaims("clerk.water", WATER_CLERK, 300));

    // when
    Reply me = get(token, "/api/staff/me");

    // then
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body())
        .containsEntry("username", "clerk.water")
        .containsEntry("roles", List.of("CLERK"))
        .containsEntry("departments", List.of("WATER_SUPPLY"));
  }

  @Test
  void refusesATokenSignedWithTheLocalSecret() throws Exception {
    // given the same claims, signed with the HMAC secret the local sign-in would use
    String forged =
        SigningIssuer.signWithSecret(
            issuer.accessClaims("admin", List.of("role-ADMIN"), 300), LOCAL_DEFAULT_SECRET);

    // then
    assertUnauthorized(get(forged, "/api/staff/me"));
  }

  @Test
  void refusesExpiredAndTamperedTokens() throws Exception {
    // given an expired token and a valid one whose claims were changed after signing
    String expired = issuer.sign(issuer.accessClaims("clerk.water", WATER_CLERK, -60));
    String[] parts = issuer.sign(issuer.accessClaims("clerk.water", WATER_CLERK, 300)).split("\\.");
    String tampered =
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    issuer
                        .accessClaims("clerk.water", List.of("role-ADMIN"), 300)
                        .toString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "."
            + parts[2];

    // then both are refused with a problem document
    assertUnauthorized(get(expired, "/api/staff/me"));
    assertUnauthorized(get(tampered, "/api/staff/me"));
  }

  @Test
  void refusesATokenOfAnotherIssuer() throws Exception {
    // given a token from another issuer's key, claiming to be ours
    try (SigningIssuer other = new SigningIssuer()) {
      String token = other.sign(issuer.accessClaims("clerk.water", WATER_CLERK, 300));

      // then
      assertUnauthorized(get(token, "/api/staff/me"));
    }
  }

  @Test
  void hasNoLocalSignIn() {
    // when someone tries the local stack's password sign-in
    HttpResponse<?> response;
    try {
      response =
          client
              .toBlocking()
              .exchange(
                  HttpRequest.POST(
                      "/api/auth/login", Map.of("username", "admin", "password", "demo-admin")));
    } catch (HttpClientResponseException e) {
      response = e.getResponse();
    }

    // then no token comes of it
    assertThat(response.code()).isIn(401, 404);
    assertThat(response.getBody(Map.class).orElse(Map.of())).doesNotContainKey("access_token");
  }

  private record Reply(int status, Map<String, Object> body, String contentType) {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Reply get(String token, String path) {
    MutableHttpRequest<?> request = HttpRequest.GET(path);
    if (token != null) {
      request.bearerAuth(token);
    }
    try {
      HttpResponse<Map> response = client.toBlocking().exchange(request, Map.class);
      return new Reply(
          response.code(),
          response.getBody().orElse(Map.of()),
          response.getContentType().map(Object::toString).orElse(""));
    } catch (HttpClientResponseException e) {
      return new Reply(
          e.getStatus().getCode(),
          e.getResponse().getBody(Map.class).orElse(Map.of()),
          e.getResponse().getContentType().map(Object::toString).orElse(""));
    }
  }

  private static void assertUnauthorized(Reply reply) {
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.body()).doesNotContainKey("username");
  }
}
