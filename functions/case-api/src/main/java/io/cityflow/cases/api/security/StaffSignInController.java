package io.cityflow.cases.api.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Tells the staff pages which sign-in to use: the local one, or the OIDC issuer's. */
@Controller("/api/web/sign-in")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Public")
class StaffSignInController {
  private final StaffSignIn signIn;

  StaffSignInController(StaffSignIn signIn) {
    this.signIn = signIn;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  @Operation(
      summary = "How staff sign in",
      description =
          "mode local: POST /api/auth/login. mode oidc: the authorization code flow with PKCE"
              + " (S256) against the issuer's endpoints, as the public client clientId.")
  HttpResponse<StaffSignIn> signIn() {
    // Short-lived in caches: a deployment that changes the client is picked up within minutes.
    return HttpResponse.ok(signIn).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
  }
}
