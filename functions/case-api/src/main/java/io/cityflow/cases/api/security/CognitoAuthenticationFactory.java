package io.cityflow.cases.api.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a validated Cognito token into the staff member the API works with whenever the local
 * sign-in is off ({@code cityflow.security.local-sign-in=false}: the {@code aws} environment, and
 * the browser tests' own issuer). Cognito puts a user's groups into {@code cognito:groups}; the
 * deployment's user pool has a {@code role-<ROLE>} group per staff role and a {@code dept-<CODE>}
 * group per department, so {@code role-CLERK} becomes the role {@code CLERK} and {@code
 * dept-WATER_SUPPLY} the department {@code WATER_SUPPLY} ({@link StaffPrincipals} reads both).
 * Other groups grant nothing. A token issued to another app client of the pool is not accepted, and
 * neither is one signed with a shared secret: the issuer signs with its private key, while the HMAC
 * secret of the local sign-in is still configured (application.yml) and, by default, known to
 * everyone.
 */
@Singleton
@Requires(property = "cityflow.security.local-sign-in", value = "false")
@Replaces(DefaultJwtAuthenticationFactory.class)
public class CognitoAuthenticationFactory implements JwtAuthenticationFactory {

  static final String GROUPS_CLAIM = "cognito:groups";
  static final String ROLE_GROUP_PREFIX = "role-";
  static final String DEPARTMENT_GROUP_PREFIX = "dept-";

  private final String clientId;

  /**
   * @param clientId the staff pages' app client ({@code CITYFLOW_AUTH_CLIENT_ID})
   */
  public CognitoAuthenticationFactory(@Value("${cityflow.auth.client-id}") String clientId) {
    this.clientId = clientId;
  }

  @Override
  public Optional<Authentication> createAuthentication(JWT token) {
    try {
      if (!signedByTheIssuersKey(token)) {
        return Optional.empty();
      }
      JWTClaimsSet claims = token.getJWTClaimsSet();
      Optional<String> name = username(claims);
      if (name.isEmpty() || !issuedToThisClient(claims)) {
        return Optional.empty();
      }
      List<String> groups =
          Optional.ofNullable(claims.getStringListClaim(GROUPS_CLAIM)).orElse(List.of());
      Map<String, Object> attributes = new HashMap<>(claims.getClaims());
      attributes.put(
          StaffPrincipals.DEPARTMENTS_CLAIM, withPrefix(groups, DEPARTMENT_GROUP_PREFIX));
      return Optional.of(
          Authentication.build(name.get(), withPrefix(groups, ROLE_GROUP_PREFIX), attributes));
    } catch (ParseException malformedClaim) {
      return Optional.empty();
    }
  }

  /** RSA or elliptic-curve signatures only: never an HMAC (a shared secret) and never none. */
  static boolean signedByTheIssuersKey(JWT token) {
    if (!(token instanceof SignedJWT signed)) {
      return false;
    }
    JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
    return JWSAlgorithm.Family.RSA.contains(algorithm)
        || JWSAlgorithm.Family.EC.contains(algorithm);
  }

  /** Access tokens carry {@code username}, ID tokens {@code cognito:username}; {@code sub} last. */
  private static Optional<String> username(JWTClaimsSet claims) throws ParseException {
    for (String claim : List.of("username", "cognito:username", "sub")) {
      String value = claims.getStringClaim(claim);
      if (value != null && !value.isBlank()) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** Access tokens name their app client in {@code client_id}, ID tokens in {@code aud}. */
  private boolean issuedToThisClient(JWTClaimsSet claims) throws ParseException {
    String accessTokenClient = claims.getStringClaim("client_id");
    if (accessTokenClient != null) {
      return accessTokenClient.equals(clientId);
    }
    return claims.getAudience().contains(clientId);
  }

  private static List<String> withPrefix(List<String> groups, String prefix) {
    List<String> names = new ArrayList<>();
    for (String group : groups) {
      if (group.startsWith(prefix) && group.length() > prefix.length()) {
        names.add(group.substring(prefix.length()));
      }
    }
    return names;
  }
}
