package io.cityflow.cases.api.security;

import io.cityflow.cases.Directory;
import io.cityflow.cases.StaffMember;
import io.cityflow.cases.StaffRole;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in sign-in of the local stack: checks a staff member's password against the directory,
 * and Micronaut issues a JWT with their roles and departments. Off when an OIDC issuer (Cognito)
 * signs staff in instead.
 */
@Singleton
@Requires(property = "cityflow.security.local-sign-in", notEquals = "false")
class LocalSignIn<B> implements HttpRequestAuthenticationProvider<B> {
  private final Directory directory;
  private final PasswordHasher hasher;

  LocalSignIn(Directory directory, PasswordHasher hasher) {
    this.directory = directory;
    this.hasher = hasher;
  }

  @Override
  public @NonNull AuthenticationResponse authenticate(
      HttpRequest<B> request, @NonNull AuthenticationRequest<String, String> credentials) {
    Optional<StaffMember> member = directory.staff(credentials.getIdentity());
    if (member.isEmpty()
        || !member.get().active()
        || !hasher.matches(credentials.getSecret(), member.get().passwordHash())) {
      return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }
    StaffMember m = member.get();
    return AuthenticationResponse.success(
        m.username(),
        m.roles().stream().map(StaffRole::name).toList(),
        Map.of(StaffPrincipals.DEPARTMENTS_CLAIM, m.departments(), "name", m.displayName()));
  }
}
