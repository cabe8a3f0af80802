package io.cityflow.cases.api.open311;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Administrators issue, list and revoke the Open311 API keys of partner systems. */
@Controller("/api/admin/open311/keys")
@Secured("ADMIN")
@Tag(name = "Open311")
class Open311KeyController {
  private final Open311Keys keys;

  Open311KeyController(Open311Keys keys) {
    this.keys = keys;
  }

  @Serdeable
  record IssueKeyRequest(@NotBlank @Size(max = 120) String clientName) {}

  /**
   * A partner's key as listed.
   *
   * @param keyHint the key's first characters; the key itself is never shown again
   */
  @Serdeable
  record KeyResponse(
      UUID id,
      String clientName,
      String keyHint,
      String createdBy,
      Instant createdAt,
      @Nullable Instant revokedAt) {
    static KeyResponse of(Open311Keys.Client c) {
      return new KeyResponse(
          c.id(), c.name(), c.keyHint(), c.createdBy(), c.createdAt(), c.revokedAt());
    }
  }

  /** A new key, returned this once. */
  @Serdeable
  record IssuedKeyResponse(UUID id, String clientName, String apiKey, Instant createdAt) {}

  @Post
  @Operation(summary = "Issue an Open311 API key for a partner system (shown once)")
  HttpResponse<IssuedKeyResponse> issue(
      @Body @Valid IssueKeyRequest request, Authentication admin) {
    Open311Keys.Issued issued = keys.issue(request.clientName().strip(), admin.getName());
    return HttpResponse.created(
        new IssuedKeyResponse(
            issued.client().id(),
            issued.client().name(),
            issued.apiKey(),
            issued.client().createdAt()),
        URI.create("/api/admin/open311/keys/" + issued.client().id()));
  }

  @Get
  @Operation(summary = "The partner systems' Open311 keys (without the keys)")
  List<KeyResponse> list() {
    return keys.list().stream().map(KeyResponse::of).toList();
  }

  @Delete("/{id}")
  @Operation(summary = "Revoke a partner's Open311 key")
  HttpResponse<Void> revoke(@PathVariable UUID id) {
    if (!keys.revoke(id)) {
      throw new Open311Failure(HttpStatus.NOT_FOUND, "id", "no key in use has this id");
    }
    return HttpResponse.noContent();
  }
}
