package io.cityflow.cases.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StaffSignInTest {

  @Test
  void refusesToStartWithoutTheIssuersEndpoints() {
    // when the local sign-in is off but the token endpoint is not configured
    // then the API does not start, naming the missing setting
    assertThatThrownBy(
            () ->
                StaffSignIn.oidc(
                    "https://issuer",
                    "client",
                    "https://issuer/oauth2/authorize",
                    " ",
                    null,
                    "https://issuer/logout",
                    List.of("openid")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cityflow.auth.token-endpoint");
  }

  @Test
  void requiresTheOpenidScope() {
    assertThatThrownBy(
            () ->
                StaffSignIn.oidc(
                    "https://issuer",
                    "client",
                    "https://issuer/oauth2/authorize",
                    "https://issuer/oauth2/token",
                    null,
                    "https://issuer/logout",
                    List.of("email")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("openid");
  }

  @Test
  void trimsTheScopesAndLeavesOutAnEmptyRevocationEndpoint() {
    StaffSignIn signIn =
        StaffSignIn.oidc(
            "https://issuer",
            "client",
            "https://issuer/oauth2/authorize",
            "https://issuer/oauth2/token",
            "",
            "https://issuer/logout",
            List.of(" openid", "email ", ""));

    assertThat(signIn.mode()).isEqualTo("oidc");
    assertThat(signIn.scopes()).containsExactly("openid", "email");
    assertThat(signIn.revocationEndpoint()).isNull();
  }
}
