package io.cityflow.cases.api.security;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.stream.Stream;

/**
 * How the staff pages sign in, published at {@code GET /api/web/sign-in} so that one build of the
 * pages serves the local stack and AWS (docs/adr/0018). {@code local}: the pages post a user name
 * and password to {@code /api/auth/login}. {@code oidc}: the pages send staff to the issuer's
 * sign-in (Cognito's hosted UI on AWS) with the authorization code flow and PKCE, as the public
 * client {@code clientId}. Everything here is configuration the browser needs; none of it is a
 * secret.
 *
 * @param mode {@code local} or {@code oidc}
 * @param issuer the {@code iss} of the issuer's tokens (the pages check the ID token's)
 * @param clientId the pages' public app client
 * @param authorizationEndpoint where the browser is sent to sign in
 * @param tokenEndpoint where the pages exchange the code and renew tokens
 * @param revocationEndpoint where the pages revoke the refresh token at sign-out, if anywhere
 * @param logoutEndpoint the issuer's sign-out ({@code client_id} and {@code logout_uri}, as
 *     Cognito's)
 * @param scopes the scopes the pages ask for
 */
@Serdeable
public record StaffSignIn(
    String mode,
    String issuer,
    String clientId,
    String authorizationEndpoint,
    String tokenEndpoint,
    String revocationEndpoint,
    String logoutEndpoint,
    List<String> scopes) {

  static final String LOCAL = "local";
  static final String OIDC = "oidc";

  /** The local stack's sign-in: nothing else to say. */
  static StaffSignIn local() {
    return new StaffSignIn(LOCAL, null, null, null, null, null, null, null);
  }

  /** Reads the settings once; the OIDC ones must all be there when the local sign-in is off. */
  @Factory
  static class Settings {
    @Singleton
    StaffSignIn staffSignIn(
        @Value("${cityflow.security.local-sign-in:true}") boolean localSignIn,
        @Value("${cityflow.auth.issuer:}") String issuer,
        @Value("${cityflow.auth.client-id:}") String clientId,
        @Value("${cityflow.auth.authorization-endpoint:}") String authorizationEndpoint,
        @Value("${cityflow.auth.token-endpoint:}") String tokenEndpoint,
        @Value("${cityflow.auth.revocation-endpoint:}") String revocationEndpoint,
        @Value("${cityflow.auth.logout-endpoint:}") String logoutEndpoint,
        @Value("${cityflow.auth.scopes:openid,email,profile}") List<String> scopes) {
      if (localSignIn) {
        return local();
      }
      return oidc(
          issuer,
          clientId,
          authorizationEndpoint,
          tokenEndpoint,
          revocationEndpoint,
          logoutEndpoint,
          scopes);
    }
  }

  /**
   * The issuer's sign-in; fails when a required value is missing, so that a deployment without them
   * does not start rather than serve pages nobody can sign in to.
   */
  static StaffSignIn oidc(
      String issuer,
      String clientId,
      String authorizationEndpoint,
      String tokenEndpoint,
      String revocationEndpoint,
      String logoutEndpoint,
      List<String> scopes) {
    Stream.of(
            new String[] {"cityflow.auth.issuer", issuer},
            new String[] {"cityflow.auth.client-id", clientId},
            new String[] {"cityflow.auth.authorization-endpoint", authorizationEndpoint},
            new String[] {"cityflow.auth.token-endpoint", tokenEndpoint},
            new String[] {"cityflow.auth.logout-endpoint", logoutEndpoint})
        .filter(setting -> setting[1] == null || setting[1].isBlank())
        .findFirst()
        .ifPresent(
            missing -> {
              throw new IllegalStateException(
                  missing[0] + " must be set when the local sign-in is off");
            });
    List<String> cleaned = scopes.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (!cleaned.contains("openid")) {
      throw new IllegalStateException("cityflow.auth.scopes must include openid");
    }
    return new StaffSignIn(
        OIDC,
        issuer,
        clientId,
        authorizationEndpoint,
        tokenEndpoint,
        revocationEndpoint == null || revocationEndpoint.isBlank() ? null : revocationEndpoint,
        logoutEndpoint,
        cleaned);
  }
}
