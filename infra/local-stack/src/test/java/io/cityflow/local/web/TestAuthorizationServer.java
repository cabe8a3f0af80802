package io.cityflow.local.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OAuth 2.0 / OIDC authorization server for the sign-in tests, shaped like Cognito's hosted UI
 * so that the case API and the pages use it exactly as they use Cognito: {@code /oauth2/authorize}
 * (a sign-in form that asks only for a user name), {@code /oauth2/token} (authorization code with
 * PKCE S256 only, refresh token), {@code /oauth2/revoke}, {@code /logout} ({@code client_id},
 * {@code logout_uri}) and the JWKS. Tokens carry Cognito's claims ({@code cognito:groups}, {@code
 * client_id}, {@code username}). It is strict where a real server must be: one registered redirect,
 * codes used once and bound to their client, redirect and challenge. It records every token request
 * so that tests can tell what the pages did.
 */
final class TestAuthorizationServer implements AutoCloseable {
  static final String CLIENT_ID = "cityflow-web-test";
  static final List<String> SCOPES = List.of("openid", "email", "profile");
  private static final Duration CODE_LIFETIME = Duration.ofMinutes(2);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A staff member the server knows, with Cognito groups ({@code role-*}, {@code dept-*}). */
  record User(String username, List<String> groups) {}

  /** A token request as the server saw it, and whether it issued tokens. */
  record TokenRequest(String grantType, boolean granted, String error) {}

  private record Authorization(
      String redirectUri, String state, String nonce, String challenge, User user) {}

  private final RSAKey key;
  private final HttpServer server;
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> pendingRequests = new ConcurrentHashMap<>();
  private final Map<String, Authorization> codes = new ConcurrentHashMap<>();
  private final Map<String, Instant> codeExpiry = new ConcurrentHashMap<>();
  private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();
  private final Map<String, String> refreshTokensByCode = new ConcurrentHashMap<>();
  private final Map<String, User> refreshTokens = new ConcurrentHashMap<>();
  private final List<TokenRequest> tokenRequests = Collections.synchronizedList(new ArrayList<>());
  private final List<Map<String, String>> authorizeRequests =
      Collections.synchronizedList(new ArrayList<>());
  private final List<String> logouts = Collections.synchronizedList(new ArrayList<>());
  private volatile String pagesOrigin = "http://localhost";
  private volatile Duration accessTokenLifetime = Duration.ofHours(1);
  private volatile boolean nextCodeForAnotherChallenge;
  private volatile String nextNonce;

  TestAuthorizationServer(List<User> staff) throws IOException, JOSEException {
    staff.forEach(user -> users.put(user.username(), user));
    key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/oauth2/authorize", this::authorize);
    server.createContext("/login", this::login);
    server.createContext("/oauth2/token", this::token);
    server.createContext("/oauth2/revoke", this::revoke);
    server.createContext("/logout", this::logout);
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/.well-known/jwks.json", exchange -> respond(exchange, 200, "application/json", jwks));
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String issuer() {
    return url();
  }

  /**
   * The case API's settings that make it trust this server and tell the pages to sign in with it,
   * as application-aws.yml does for Cognito.
   */
  Map<String, Object> caseApiSettings() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("cityflow.security.local-sign-in", false);
    settings.put("micronaut.security.endpoints.login.enabled", false);
    settings.put(
        "micronaut.security.token.jwt.signatures.jwks.test-issuer.url",
        url() + "/.well-known/jwks.json");
    settings.put("micronaut.security.token.jwt.claims-validators.issuer", issuer());
    settings.put("cityflow.auth.issuer", issuer());
    settings.put("cityflow.auth.client-id", CLIENT_ID);
    settings.put("cityflow.auth.authorization-endpoint", url() + "/oauth2/authorize");
    settings.put("cityflow.auth.token-endpoint", url() + "/oauth2/token");
    settings.put("cityflow.auth.revocation-endpoint", url() + "/oauth2/revoke");
    settings.put("cityflow.auth.logout-endpoint", url() + "/logout");
    settings.put("cityflow.auth.scopes", String.join(",", SCOPES));
    return settings;
  }

  /** The pages' origin: the only place codes and sign-outs are sent back to, and CORS allows. */
  void registerPages(String origin) {
    pagesOrigin = origin;
  }

  String callbackUrl() {
    return pagesOrigin + "/auth.html";
  }

  void accessTokensLast(Duration lifetime) {
    accessTokenLifetime = lifetime;
  }

  /** The next code is bound to another PKCE challenge, as a code stolen from someone else is. */
  void issueNextCodeForAnotherChallenge() {
    nextCodeForAnotherChallenge = true;
  }

  /** The next ID token carries this nonce instead of the one the pages sent. */
  void issueNextIdTokenWithNonce(String nonce) {
    nextNonce = nonce;
  }

  List<TokenRequest> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  List<Map<String, String>> authorizeRequests() {
    return List.copyOf(authorizeRequests);
  }

  List<String> logouts() {
    return List.copyOf(logouts);
  }

  /** The most recent code the server issued, for a test that replays it. */
  String lastCode() {
    return codes.keySet().stream()
        .max((a, b) -> codeExpiry.get(a).compareTo(codeExpiry.get(b)))
        .orElseThrow();
  }

  /**
   * An access token of this server for the user, valid for {@code lifetime} (negative: expired).
   */
  String accessToken(String username, Duration lifetime) {
    return sign(accessClaims(users.get(username), lifetime));
  }

  // ---- endpoints

  private void authorize(HttpExchange exchange) throws IOException {
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    authorizeRequests.add(query);
    // A wrong client or redirect is shown here, never sent anywhere (RFC 6749 §4.1.2.1).
    if (!CLIENT_ID.equals(query.get("client_id"))
        || !callbackUrl().equals(query.get("redirect_uri"))) {
      html(exchange, 400, "<h1>Unknown client or redirect</h1>");
      return;
    }
    String problem = null;
    if (!"code".equals(query.get("response_type"))) {
      problem = "unsupported_response_type";
    } else if (!"S256".equals(query.get("code_challenge_method"))
        || query.getOrDefault("code_challenge", "").isBlank()) {
      problem = "invalid_request";
    } else if (!List.of(query.getOrDefault("scope", "").split(" ")).contains("openid")) {
      problem = "invalid_scope";
    }
    if (problem != null) {
      redirect(
          exchange,
          query.get("redirect_uri")
              + "?error="
              + problem
              + "&state="
              + encode(query.getOrDefault("state", "")));
      return;
    }
    String requestId = random();
    pendingRequests.put(requestId, query);
    html(exchange, 200, signInForm(requestId, ""));
  }

  private void login(HttpExchange exchange) throws IOException {
    Map<String, String> body = form(readBody(exchange));
    Map<String, String> request = pendingRequests.remove(body.getOrDefault("request", ""));
    if (request == null) {
      html(exchange, 400, "<h1>This sign-in has expired</h1>");
      return;
    }
    User user = users.get(body.getOrDefault("username", "").trim());
    if (user == null) {
      String requestId = random();
      pendingRequests.put(requestId, request);
      html(exchange, 200, signInForm(requestId, "<p role=\"alert\">Unknown user.</p>"));
      return;
    }
    String challenge = request.get("code_challenge");
    if (nextCodeForAnotherChallenge) {
      nextCodeForAnotherChallenge = false;
      challenge = base64url(sha256(random()));
    }
    String code = random();
    codes.put(
        code,
        new Authorization(
            request.get("redirect_uri"),
            request.get("state"),
            request.get("nonce"),
            challenge,
            user));
    codeExpiry.put(code, Instant.now().plus(CODE_LIFETIME));
    redirect(
        exchange,
        request.get("redirect_uri")
            + "?code="
            + encode(code)
            + "&state="
            + encode(request.getOrDefault("state", "")));
  }

  private void token(HttpExchange exchange) throws IOException {
    if (preflight(exchange)) {
      return;
    }
    Map<String, String> body = form(readBody(exchange));
    String grantType = body.getOrDefault("grant_type", "");
    if (!CLIENT_ID.equals(body.get("client_id"))) {
      refuse(exchange, grantType, "invalid_client");
      return;
    }
    if (body.containsKey("client_secret")) {
      refuse(exchange, grantType, "invalid_client");
      return;
    }
    switch (grantType) {
      case "authorization_code" -> exchangeCode(exchange, body);
      case "refresh_token" -> refresh(exchange, body);
      default -> refuse(exchange, grantType, "unsupported_grant_type");
    }
  }

  private void exchangeCode(HttpExchange exchange, Map<String, String> body) throws IOException {
    String code = body.getOrDefault("code", "");
    Authorization authorization = codes.get(code);
    if (authorization == null) {
      refuse(exchange, "authorization_code", "invalid_grant");
      return;
    }
    if (!usedCodes.add(code)) {
      // A code redeemed twice: refuse, and withdraw what the first redemption issued.
      String refreshToken = refreshTokensByCode.remove(code);
      if (refreshToken != null) {
        refreshTokens.remove(refreshToken);
      }
      refuse(exchange, "authorization_code", "invalid_grant");
      return;
    }
    if (Instant.now().isAfter(codeExpiry.get(code))
        || !authorization.redirectUri().equals(body.get("redirect_uri"))) {
      refuse(exchange, "authorization_code", "invalid_grant");
      return;
    }
    String verifier = body.getOrDefault("code_verifier", "");
    if (!verifier.matches("[A-Za-z0-9._~-]{43,128}")
        || !MessageDigest.isEqual(
            base64url(sha256(verifier)).getBytes(StandardCharsets.US_ASCII),
            authorization.challenge().getBytes(StandardCharsets.US_ASCII))) {
      refuse(exchange, "authorization_code", "invalid_grant");
      return;
    }
    String refreshToken = random();
    refreshTokens.put(refreshToken, authorization.user());
    refreshTokensByCode.put(code, refreshToken);
    String nonce = nextNonce != null ? nextNonce : authorization.nonce();
    nextNonce = null;
    grant(exchange, "authorization_code", authorization.user(), nonce, refreshToken);
  }

  private void refresh(HttpExchange exchange, Map<String, String> body) throws IOException {
    User user = refreshTokens.get(body.getOrDefault("refresh_token", ""));
    if (user == null) {
      refuse(exchange, "refresh_token", "invalid_grant");
      return;
    }
    // Like Cognito: new access and ID tokens, the same refresh token kept by the client.
    grant(exchange, "refresh_token", user, null, null);
  }

  private void revoke(HttpExchange exchange) throws IOException {
    if (preflight(exchange)) {
      return;
    }
    Map<String, String> body = form(readBody(exchange));
    if (CLIENT_ID.equals(body.get("client_id"))) {
      refreshTokens.remove(body.getOrDefault("token", ""));
    }
    cors(exchange);
    respond(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
  }

  private void logout(HttpExchange exchange) throws IOException {
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    if (!CLIENT_ID.equals(query.get("client_id"))
        || !callbackUrl().equals(query.get("logout_uri"))) {
      html(exchange, 400, "<h1>Unknown client or sign-out address</h1>");
      return;
    }
    logouts.add(query.get("client_id"));
    redirect(exchange, query.get("logout_uri"));
  }

  // ---- tokens

  private void grant(
      HttpExchange exchange, String grantType, User user, String nonce, String refreshToken)
      throws IOException {
    Map<String, Object> tokens = new LinkedHashMap<>();
    tokens.put("access_token", sign(accessClaims(user, accessTokenLifetime)));
    tokens.put("id_token", sign(idClaims(user, nonce)));
    if (refreshToken != null) {
      tokens.put("refresh_token", refreshToken);
    }
    tokens.put("token_type", "Bearer");
    tokens.put("expires_in", accessTokenLifetime.toSeconds());
    tokenRequests.add(new TokenRequest(grantType, true, null));
    cors(exchange);
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    respond(
        exchange,
        200,
        "application/json",
        JSONObjectUtils.toJSONString(tokens).getBytes(StandardCharsets.UTF_8));
  }

  private void refuse(HttpExchange exchange, String grantType, String error) throws IOException {
    tokenRequests.add(new TokenRequest(grantType, false, error));
    cors(exchange);
    respond(
        exchange,
        400,
        "application/json",
        ("{\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private JWTClaimsSet accessClaims(User user, Duration lifetime) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer())
        .subject(subject(user))
        .claim("client_id", CLIENT_ID)
        .claim("username", user.username())
        .claim("cognito:groups", user.groups())
        .claim("token_use", "access")
        .claim("scope", String.join(" ", SCOPES))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(lifetime)))
        .jwtID(UUID.randomUUID().toString())
        .build();
  }

  private JWTClaimsSet idClaims(User user, String nonce) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer())
            .subject(subject(user))
            .audience(CLIENT_ID)
            .claim("cognito:username", user.username())
            .claim("cognito:groups", user.groups())
            .claim("email", user.username() + "@city.example")
            .claim("token_use", "id")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    if (nonce != null) {
      claims.claim("nonce", nonce);
    }
    return claims.build();
  }

  private static String subject(User user) {
    return UUID.nameUUIDFromBytes(user.username().getBytes(StandardCharsets.UTF_8)).toString();
  }

  private String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- HTTP

  private String signInForm(String requestId, String message) {
    return "<main><h1>Test issuer: sign in</h1>"
        + message
        + "<form method=\"post\" action=\"/login\">"
        + "<label for=\"issuer-username\">User name</label>"
        + " <input id=\"issuer-username\" name=\"username\" autocomplete=\"username\">"
        + "<input type=\"hidden\" name=\"request\" value=\""
        + requestId
        + "\"> <button id=\"issuer-sign-in\" type=\"submit\">Sign in</button></form></main>";
  }

  /** Cross-origin calls come from the pages only; answers a preflight and says true. */
  private boolean preflight(HttpExchange exchange) throws IOException {
    if (!"OPTIONS".equals(exchange.getRequestMethod())) {
      return false;
    }
    cors(exchange);
    exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "POST");
    exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type, Accept");
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
    return true;
  }

  private void cors(HttpExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (pagesOrigin.equals(origin)) {
      exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
      exchange.getResponseHeaders().add("Vary", "Origin");
    }
  }

  private static void html(HttpExchange exchange, int status, String main) throws IOException {
    String page =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Test issuer</title></head><body>"
            + main
            + "</body></html>";
    respond(exchange, status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    URI.create(location); // only well-formed addresses
    exchange.getResponseHeaders().add("Location", location);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String readBody(HttpExchange exchange) throws IOException {
    return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> values = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return values;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      values.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return base64url(bytes);
  }

  private static String base64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
