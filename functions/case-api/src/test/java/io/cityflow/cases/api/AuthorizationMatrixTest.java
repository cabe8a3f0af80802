package io.cityflow.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every denied path, each checked for its status and for leaving the case unchanged; and the
 * allowed paths beside them, so a test cannot pass by denying everything.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {
  @Inject
  @Client("/")
  HttpClient client;

  @Inject TokenGenerator tokens;

  Api api;
  String waterRef;
  String waterCode;
  String otherRef;
  String waterClerk;
  String trafficClerk;
  String owner;
  String admin;

  @BeforeAll
  void setUp() {
    api = new Api(client.toBlocking());
    Api.Reply water = api.submit(Api.hotlineTicket("water"));
    waterRef = (String) water.body().get("reference");
    waterCode = (String) water.body().get("trackingCode");
    otherRef = (String) api.submit(Api.hotlineTicket("traffic")).body().get("reference");
    waterClerk = api.login("clerk.water", "demo-clerk");
    trafficClerk = api.login("clerk.traffic", "demo-clerk");
    owner = api.login("owner", "demo-owner");
    admin = api.login("admin", "demo-admin");
  }

  private int timelineSize() {
    return api.staffGet(admin, "/api/staff/cases/" + waterRef).list("timeline").size();
  }

  Stream<Arguments> staffActions() {
    return Stream.of(
        Arguments.of("read", "GET", "", Map.of()),
        Arguments.of("list files", "GET", "/attachments", Map.of()),
        Arguments.of("comment", "POST", "/comments", Map.of("text", "peek")),
        Arguments.of(
            "transfer",
            "POST",
            "/transfer",
            Map.of("toDepartment", "TRAFFIC_POLICE", "reason", "x")),
        Arguments.of("resolve", "POST", "/resolution", Map.of("outcome", "done", "reason", "x")),
        Arguments.of(
            "ask citizen", "POST", "/information-requests", Map.of("question", "which floor?")),
        Arguments.of("change status", "POST", "/status", Map.of("status", "REJECTED")),
        Arguments.of("set notice language", "PUT", "/language", Map.of("language", "en")));
  }

  private Api.Reply act(String token, String method, String suffix, Map<String, Object> body) {
    String path = "/api/staff/cases/" + waterRef + suffix;
    return switch (method) {
      case "GET" -> api.staffGet(token, path);
      case "PUT" -> api.staffPut(token, path, body);
      default -> api.staffPost(token, path, body);
    };
  }

  @ParameterizedTest(name = "no token: {0}")
  @MethodSource("staffActions")
  void withoutATokenEveryStaffActionIsUnauthorized(
      String name, String method, String suffix, Map<String, Object> body) {
    int before = timelineSize();
    assertThat(act(null, method, suffix, body).status()).isEqualTo(401);
    assertThat(timelineSize()).isEqualTo(before);
  }

  @ParameterizedTest(name = "another department: {0}")
  @MethodSource("staffActions")
  void aClerkOfAnotherDepartmentCannotSeeOrTouchTheCase(
      String name, String method, String suffix, Map<String, Object> body) {
    int before = timelineSize();
    Api.Reply reply = act(trafficClerk, method, suffix, body);
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(timelineSize()).isEqualTo(before);
  }

  @ParameterizedTest(name = "process owner: {0}")
  @MethodSource("staffActions")
  void aProcessOwnerCannotWorkOnCases(
      String name, String method, String suffix, Map<String, Object> body) {
    int before = timelineSize();
    assertThat(act(owner, method, suffix, body).status()).isEqualTo(403);
    assertThat(timelineSize()).isEqualTo(before);
  }

  @Test
  void anExpiredTokenIsUnauthorized() {
    String expired =
        tokens
            .generateToken(
                Map.of(
                    "sub", "clerk.water",
                    "roles", List.of("CLERK"),
                    "departments", List.of("WATER_SUPPLY"),
                    "iat", Instant.now().minusSeconds(7200).getEpochSecond(),
                    "exp", Instant.now().minusSeconds(3600).getEpochSecond()))
            .orElseThrow();
    assertThat(api.staffGet(expired, "/api/staff/cases/" + waterRef).status()).isEqualTo(401);
  }

  @Test
  void aTamperedTokenIsUnauthorized() {
    String[] parts = waterClerk.split("\\.");
    String forged =
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    "{\"sub\":\"clerk.water\",\"roles\":[\"ADMIN\"]}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "."
            + parts[2];
    assertThat(api.staffGet(forged, "/api/staff/cases/" + otherRef).status()).isEqualTo(401);
  }

  @Test
  void aWrongPasswordIssuesNoToken() {
    Api.Reply reply =
        api.send(
            HttpRequest.POST(
                "/api/auth/login", Map.of("username", "clerk.water", "password", "guess")));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.body()).doesNotContainKey("access_token");
  }

  @Test
  void aCitizenCannotReadAnotherCaseWithTheirOwnTrackingCode() {
    Api.Reply reply = api.track(otherRef, waterCode);
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body()).doesNotContainKey("subject");
  }

  @Test
  void aCitizenCannotUseTheStaffEndpointsWithATrackingCode() {
    Api.Reply reply =
        api.send(
            HttpRequest.GET("/api/staff/cases/" + waterRef).header("X-Tracking-Code", waterCode));
    assertThat(reply.status()).isEqualTo(401);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theClerkOfTheDepartmentSeesTheFullCaseWithTheUnmaskedContact() {
    Api.Reply reply = api.staffGet(waterClerk, "/api/staff/cases/" + waterRef);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).containsEntry("contactPhone", "13912345678");
    assertThat((List<Object>) reply.body().get("departments")).containsExactly("WATER_SUPPLY");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theTokenCarriesRolesAndDepartments() {
    Api.Reply me = api.staffGet(waterClerk, "/api/staff/me");
    assertThat(me.body()).containsEntry("username", "clerk.water");
    assertThat((List<Object>) me.body().get("roles")).containsExactly("CLERK");
    assertThat((List<Object>) me.body().get("departments")).containsExactly("WATER_SUPPLY");
  }

  @Test
  void healthStaysAnonymous() {
    assertThat(api.staffGet(null, "/health").status()).isEqualTo(200);
  }
}
