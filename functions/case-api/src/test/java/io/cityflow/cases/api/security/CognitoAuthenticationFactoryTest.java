package io.cityflow.cases.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.cityflow.cases.StaffPrincipal;
import io.cityflow.cases.StaffRole;
import io.micronaut.security.authentication.Authentication;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CognitoAuthenticationFactoryTest {

  private static final String CLIENT_ID = "5f3kexample0client";

  private static final RSAKey KEY = rsaKey();

  private final CognitoAuthenticationFactory factory = new CognitoAuthenticationFactory(CLIENT_ID);

  @Test
  void mapsRoleAndDepartmentGroupsOfAnAccessTokenToTheStaffMember() {
    // given a Cognito access token of a water clerk who is also in a group CityFlow does not know
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject("0b5c8a2e-7d61-4f0e-9c1b-3f2a1d4e5f60")
            .claim("username", "clerk.water")
            .claim("client_id", CLIENT_ID)
            .claim("token_use", "access")
            .claim(
                "cognito:groups",
                List.of("role-CLERK", "dept-WATER_SUPPLY", "dept-DRAINAGE", "gis-viewers"))
            .build();

    // when the API builds the authentication and the staff member from it
    Authentication authentication = authenticate(claims).orElseThrow();
    StaffPrincipal staff = StaffPrincipals.from(authentication);

    // then the groups became the role and the departments, and the name is the user name
    assertThat(authentication.getName()).isEqualTo("clerk.water");
    assertThat(authentication.getRoles()).containsExactly("CLERK");
    assertThat(staff.roles()).containsExactly(StaffRole.CLERK);
    assertThat(staff.departments()).containsExactlyInAnyOrder("WATER_SUPPLY", "DRAINAGE");
  }

  @Test
  void readsTheUserNameAndClientOfAnIdToken() {
    // given an ID token of a supervisor
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject("6e1d")
            .audience(CLIENT_ID)
            .claim("cognito:username", "supervisor.water")
            .claim("token_use", "id")
            .claim("cognito:groups", List.of("role-SUPERVISOR", "dept-WATER_AUTHORITY"))
            .build();

    // when
    StaffPrincipal staff = StaffPrincipals.from(authenticate(claims).orElseThrow());

    // then
    assertThat(staff.username()).isEqualTo("supervisor.water");
    assertThat(staff.roles()).containsExactly(StaffRole.SUPERVISOR);
    assertThat(staff.departments()).containsExactly("WATER_AUTHORITY");
  }

  @Test
  void grantsNothingToAUserWithoutGroups() {
    // given a signed-in user nobody has put into a group yet
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject("9a9a")
            .claim("username", "new.starter")
            .claim("client_id", CLIENT_ID)
            .build();

    // when
    StaffPrincipal staff = StaffPrincipals.from(authenticate(claims).orElseThrow());

    // then the user is known but holds no role and no department
    assertThat(staff.username()).isEqualTo("new.starter");
    assertThat(staff.roles()).isEmpty();
    assertThat(staff.departments()).isEmpty();
  }

  @Test
  void refusesATokenIssuedToAnotherAppClientOfThePool() {
    // given an admin's access token for a different app client
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject("1c1c")
            .claim("username", "admin")
            .claim("client_id", "some-other-client")
            .claim("cognito:groups", List.of("role-ADMIN"))
            .build();

    // then no authentication comes of it
    assertThat(authenticate(claims)).isEmpty();
  }

  @Test
  void refusesUnsignedTokensAndTokensSignedWithASharedSecret() throws Exception {
    // given an admin's claims, once unsigned and once signed with an HMAC secret
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject("1c1c")
            .claim("username", "admin")
            .claim("client_id", CLIENT_ID)
            .claim("cognito:groups", List.of("role-ADMIN"))
            .build();
    SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    hmac.sign(
        new MACSigner("a-secret-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8)));

    // then neither authenticates: only the issuer's key signs staff tokens
    assertThat(factory.createAuthentication(new PlainJWT(claims))).isEmpty();
    assertThat(factory.createAuthentication(hmac)).isEmpty();
  }

  /** The claims as the issuer signs them (RS256); the signature itself Micronaut checks first. */
  private Optional<Authentication> authenticate(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
      jwt.sign(new RSASSASigner(KEY));
      return factory.createAuthentication(jwt);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAKey rsaKey() {
    try {
      return new RSAKeyGenerator(2048).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
