package io.cityflow.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.localstack.LocalStack;
import io.cityflow.localstack.TestStacks;
import io.cityflow.testsupport.FreePort;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Staff sign-in as on AWS, in Chromium: the case API trusts an OIDC issuer ({@link
 * TestAuthorizationServer}, shaped like Cognito's hosted UI) instead of its own sign-in, and the
 * pages learn so from {@code GET /api/web/sign-in}. A clerk signs in through the issuer with the
 * authorization code flow and PKCE, works, has the token renewed silently, is sent to sign in again
 * (and back to the same task) when the API refuses a token, and signs out; every check of the flow
 * (state, nonce, PKCE verifier, one use of a code) is tried with a wrong value.
 */
@ExtendWith(PostgresExtension.class)
class StaffSignInIT {
  private static final TestAuthorizationServer.User WATER_CLERK =
      new TestAuthorizationServer.User("clerk.water", List.of("role-CLERK", "dept-WATER_SUPPLY"));

  @TempDir static Path dataDir;
  static TestAuthorizationServer issuer;
  static LocalStack stack;
  static Browser browser;
  static String pages;
  static String reference;
  static String taskKey;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start(PostgresDatabase database) throws Exception {
    issuer = new TestAuthorizationServer(List.of(WATER_CLERK));
    Map<String, Object> overrides = TestStacks.onPostgres(database);
    overrides.put("micronaut.server.port", FreePort.next());
    overrides.put("cityflow.attachments.directory", dataDir.resolve("attachments").toString());
    overrides.put("cityflow.devices.mqtt.enabled", false);
    overrides.put("cityflow.devices.demo.enabled", false);
    overrides.put("cityflow.camunda.request-timeout", "60s");
    overrides.putAll(issuer.caseApiSettings());
    stack = LocalStack.start(overrides);
    pages = stack.apiUrl().toString().replaceAll("/$", "");
    issuer.registerPages(pages);
    browser = Browser.open(pages);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (stack != null) {
      stack.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  @BeforeEach
  void signedOut() {
    browser.go("/auth.html?fresh");
    js("sessionStorage.clear()");
    issuer.accessTokensLast(Duration.ofHours(1));
  }

  @Test
  void aClerkSignsInThroughTheIssuerAndSeesTheDepartmentQueue() throws Exception {
    // given a water case waiting in the department's queue
    String waiting = waterTaskInTheQueue();

    // when the clerk opens the workspace: no password form, a button to the issuer
    browser.go("/clerk.html");
    browser.find("#sign-in-issuer");
    assertThat(browser.all("#sign-in form").get(0).isDisplayed()).isFalse();
    browser.checkPage("clerk-sign-in-issuer");
    browser.click("#sign-in-issuer");

    // then the issuer was asked for a code with PKCE S256, a state and a nonce, and no secret
    signInAtTheIssuer("clerk.water");
    Map<String, String> asked =
        issuer.authorizeRequests().get(issuer.authorizeRequests().size() - 1);
    assertThat(asked)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", TestAuthorizationServer.CLIENT_ID)
        .containsEntry("redirect_uri", pages + "/auth.html")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("scope", "openid email profile")
        .containsKeys("state", "nonce", "code_challenge")
        .doesNotContainKeys("client_secret", "code_verifier");

    // and the clerk is back in the workspace, with the department's queue
    browser.find("#filter-queue");
    assertThat(browser.find("#user-label").getText()).isEqualTo("clerk.water");
    assertThat(new Clerk(browser, ref -> WebStack.engineState(stack, ref)).listedReferences())
        .contains(waiting);
    // and the code is gone from the address and from history's current entry
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(pages + "/clerk.html");
    assertThat(issuer.tokenRequests())
        .last()
        .isEqualTo(new TestAuthorizationServer.TokenRequest("authorization_code", true, null));
    assertThat(session()).containsKeys("accessToken", "refreshToken", "idToken", "expiresAt");
    browser.checkPage("clerk-tasks-issuer");
  }

  @Test
  void anExpiredTokenIsRenewedWithTheRefreshTokenWithoutLeavingThePage() throws Exception {
    // given a signed-in clerk whose access tokens last two minutes
    issuer.accessTokensLast(Duration.ofMinutes(2));
    signIn("/clerk.html");
    String first = (String) session().get("accessToken");

    // when the token is about to expire and the clerk reloads the queue
    js(
        "const s = JSON.parse(sessionStorage.getItem('cityflow.session'));"
            + " s.expiresAt = Date.now() + 1000;"
            + " sessionStorage.setItem('cityflow.session', JSON.stringify(s));");
    int before = issuer.tokenRequests().size();
    browser.click("#filter-queue");

    // then the page renewed it with the refresh token and stayed
    browser.until(d -> !first.equals(session().get("accessToken")));
    assertThat(issuer.tokenRequests().subList(before, issuer.tokenRequests().size()))
        .containsExactly(new TestAuthorizationServer.TokenRequest("refresh_token", true, null));
    assertThat(browser.driver().getCurrentUrl()).startsWith(pages + "/clerk.html");

    // when the API refuses a token the page thought valid (the issuer's, expired)
    String expired = issuer.accessToken("clerk.water", Duration.ofMinutes(-5));
    assertRefusedByTheApi(expired);
    setAccessToken(expired);
    before = issuer.tokenRequests().size();
    browser.click("#filter-overdue");

    // then the page renewed it once, repeated the call, and the clerk never saw a sign-in
    browser.until(
        d -> "true".equals(d.findElement(By.id("filter-overdue")).getAttribute("aria-pressed")));
    browser.until(d -> !expired.equals(session().get("accessToken")));
    browser.until(
        d ->
            !d.findElements(By.id("task-table")).isEmpty()
                || !d.findElements(By.id("no-tasks")).isEmpty());
    assertThat(issuer.tokenRequests().subList(before, issuer.tokenRequests().size()))
        .containsExactly(new TestAuthorizationServer.TokenRequest("refresh_token", true, null));
    assertThat(browser.driver().getCurrentUrl()).startsWith(pages + "/clerk.html");
  }

  @Test
  void aRefusedTokenSendsTheClerkToSignInAndBackToTheSameTask() throws Exception {
    // given a signed-in clerk looking at a task of the queue
    String waiting = waterTaskInTheQueue();
    signIn("/clerk.html#/task/" + taskKey);
    browser.find("#claim-task");

    // when the token is tampered with (the groups of an admin) and there is no refresh token
    String tampered = withClaims((String) session().get("accessToken"), "\"role-ADMIN\"");
    assertRefusedByTheApi(tampered);
    setAccessToken(tampered);
    js(
        "const s = JSON.parse(sessionStorage.getItem('cityflow.session'));"
            + " delete s.refreshToken;"
            + " sessionStorage.setItem('cityflow.session', JSON.stringify(s));");
    browser.click("#claim-task");

    // then the browser is at the issuer's sign-in again
    browser.until(d -> d.getCurrentUrl().startsWith(issuer.url() + "/oauth2/authorize"));
    browser.find("#issuer-username");

    // and after signing in, the clerk is back at the same task, which the refused call left alone
    signInAtTheIssuer("clerk.water");
    browser.until(d -> d.getCurrentUrl().equals(pages + "/clerk.html#/task/" + taskKey));
    WebElement claim = browser.find("#claim-task");
    assertThat(browser.find("#app h1").getText()).contains(waiting);
    assertThat(claim.isDisplayed()).isTrue();
  }

  @Test
  void aCodeRedeemedWithAnotherVerifierOrTwiceGivesNoSession() throws Exception {
    // given a code bound to another PKCE challenge, as a stolen code is
    issuer.issueNextCodeForAnotherChallenge();
    browser.go("/clerk.html");
    browser.click("#sign-in-issuer");
    signInAtTheIssuer("clerk.water");

    // then the issuer refuses the page's verifier, and the page says so and offers to sign in
    assertSignInFailed("invalid_grant");
    assertThat(session()).isEmpty();
    assertThat(issuer.tokenRequests())
        .last()
        .isEqualTo(
            new TestAuthorizationServer.TokenRequest("authorization_code", false, "invalid_grant"));

    // when a clerk signs in properly and the callback address is opened again (a replay)
    signIn("/clerk.html");
    Map<String, Object> signedIn = session();
    String callback = pages + "/auth.html?code=" + issuer.lastCode() + "&state=replayed";
    int before = issuer.tokenRequests().size();
    browser.driver().get(callback);

    // then the page does not even ask the issuer: this tab has no sign-in under way; the session
    // it has stays as it was
    assertSignInFailed("noRequest");
    assertThat(issuer.tokenRequests()).hasSize(before);
    assertThat(session()).isEqualTo(signedIn);

    // and the issuer itself refuses the code a second time, and withdraws its refresh token
    HttpResponse<String> replay =
        post(
            issuer.url() + "/oauth2/token",
            "grant_type=authorization_code&client_id="
                + TestAuthorizationServer.CLIENT_ID
                + "&code="
                + issuer.lastCode()
                + "&redirect_uri="
                + pages
                + "/auth.html&code_verifier="
                + "a".repeat(43));
    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(replay.body()).contains("invalid_grant");
  }

  @Test
  void aForgedStateOrAWrongNonceGivesNoSession() throws Exception {
    // given a sign-in under way: the clerk is at the issuer
    browser.go("/clerk.html");
    browser.click("#sign-in-issuer");
    browser.find("#issuer-username");
    int before = issuer.tokenRequests().size();

    // when someone else's answer arrives, with a state this tab did not send
    browser.driver().get(pages + "/auth.html?code=someone-elses-code&state=forged");

    // then the page refuses it without asking the issuer
    assertSignInFailed("state");
    assertThat(issuer.tokenRequests()).hasSize(before);
    assertThat(session()).isEmpty();

    // when the ID token names another nonce than the one sent
    issuer.issueNextIdTokenWithNonce("not-the-one-sent");
    browser.go("/clerk.html");
    browser.click("#sign-in-issuer");
    signInAtTheIssuer("clerk.water");

    // then there is no session either
    assertSignInFailed("nonce");
    assertThat(session()).isEmpty();
  }

  @Test
  void signingOutEndsTheSessionHereAndAtTheIssuer() throws Exception {
    // given a signed-in clerk
    signIn("/clerk.html");
    String refreshToken = (String) session().get("refreshToken");
    int logouts = issuer.logouts().size();

    // when the clerk signs out
    browser.click("#sign-out");

    // then the issuer ended its session and sent the browser to the signed-out page
    browser.until(
        ExpectedConditions.attributeToBe(By.tagName("body"), "data-sign-in", "signed-out"));
    assertThat(issuer.logouts()).hasSize(logouts + 1);
    assertThat(session()).isEmpty();
    browser.checkPage("signed-out");
    // and the refresh token was revoked: it renews nothing any more
    HttpResponse<String> renewal =
        post(
            issuer.url() + "/oauth2/token",
            "grant_type=refresh_token&client_id="
                + TestAuthorizationServer.CLIENT_ID
                + "&refresh_token="
                + refreshToken);
    assertThat(renewal.statusCode()).isEqualTo(400);

    // and the workspace asks to sign in again
    browser.click("#sign-in-again");
    browser.find("#sign-in-issuer");
    assertThat(browser.all("#app").get(0).isDisplayed()).isFalse();
  }

  // ---- steps

  /** Signs in from a staff page through the issuer and waits to be back on it. */
  private void signIn(String page) {
    browser.go(page);
    browser.click("#sign-in-issuer");
    signInAtTheIssuer("clerk.water");
    browser.until(d -> d.getCurrentUrl().equals(pages + page));
    browser.until(ExpectedConditions.invisibilityOfElementLocated(By.id("sign-in")));
  }

  private void signInAtTheIssuer(String username) {
    browser.type("#issuer-username", username);
    browser.click("#issuer-sign-in");
  }

  private void assertSignInFailed(String reason) {
    browser.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-sign-in", "failed"));
    assertThat(browser.find("#auth-error").getText()).contains(reason);
    assertThat(browser.find("#sign-in-again").isDisplayed()).isTrue();
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(pages + "/auth.html");
  }

  /** The API's answer to a token: 401 with a problem document, and nothing about the caller. */
  private void assertRefusedByTheApi(String token) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(pages + "/api/staff/me"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).doesNotContain("clerk.water");
  }

  /** Submits a water ticket and waits for its task in the water department's queue. */
  private String waterTaskInTheQueue() throws Exception {
    if (reference != null) {
      return reference;
    }
    JsonMapper json = stack.bean(JsonMapper.class);
    Map<String, Object> body = new HashMap<>();
    body.put("type", "HOTLINE_TICKET");
    body.put("channel", "WEB");
    body.put("contact", Map.of("name", "李娜", "phone", "13912345678"));
    body.put("subject", "No water on Beijing Road");
    body.put("description", "No water from the tap since this morning");
    body.put("category", "water");
    body.put("location", Map.of("address", "Beijing Road 100, Jinfeng"));
    body.put("formData", Map.of("district", "JINFENG_DISTRICT"));
    HttpResponse<byte[]> submitted =
        http.send(
            HttpRequest.newBuilder(URI.create(pages + "/api/cases"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(submitted.statusCode()).isEqualTo(201);
    reference =
        (String)
            json.readValue(submitted.body(), Argument.mapOf(String.class, Object.class))
                .get("reference");
    String token = issuer.accessToken("clerk.water", Duration.ofMinutes(10));
    browser.until(
        d -> {
          try {
            HttpResponse<byte[]> tasks =
                http.send(
                    HttpRequest.newBuilder(
                            URI.create(pages + "/api/staff/tasks?size=100&q=" + reference))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items =
                (List<Map<String, Object>>)
                    json.readValue(tasks.body(), Argument.mapOf(String.class, Object.class))
                        .get("items");
            return items.stream()
                .filter(t -> reference.equals(t.get("caseReference")))
                .findFirst()
                .map(t -> taskKey = String.valueOf(t.get("taskKey")))
                .orElse(null);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        Duration.ofMinutes(3),
        Duration.ofSeconds(2));
    return reference;
  }

  private HttpResponse<String> post(String url, String form) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The token with its groups replaced and its signature kept: what a tamperer can make. */
  private static String withClaims(String token, String groups) {
    String[] parts = token.split("\\.");
    String claims =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replaceAll("\"cognito:groups\":\\[[^\\]]*\\]", "\"cognito:groups\":[" + groups + "]");
    return parts[0]
        + "."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(claims.getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[2];
  }

  private void setAccessToken(String token) {
    js(
        "const s = JSON.parse(sessionStorage.getItem('cityflow.session'));"
            + " s.accessToken = arguments[0];"
            + " sessionStorage.setItem('cityflow.session', JSON.stringify(s));",
        token);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> session() {
    Object session = js("return JSON.parse(sessionStorage.getItem('cityflow.session') || '{}')");
    return (Map<String, Object>) session;
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
  }
}
