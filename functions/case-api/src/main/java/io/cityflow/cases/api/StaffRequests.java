package io.cityflow.cases.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What staff send. */
public final class StaffRequests {
  private StaffRequests() {}

  @Serdeable
  public record CommentRequest(
      @NotBlank @Size(max = 4000) String text, @Nullable Boolean visibleToCitizen) {}

  @Serdeable
  public record TransferRequest(
      @NotBlank @Size(max = 40) String toDepartment, @NotBlank @Size(max = 1000) String reason) {}

  @Serdeable
  public record InformationRequestRequest(@NotBlank @Size(max = 2000) String question) {}

  @Serdeable
  public record ResolutionRequest(
      @NotBlank @Size(max = 200) String outcome, @NotBlank @Size(max = 2000) String reason) {}

  /**
   * The language the citizen gets notices in from now on (docs/adr/0023, addendum). The controller
   * reads it by hand so that every wrong body is a problem naming {@code language}; this record
   * documents the body.
   */
  @Serdeable
  public record NoticeLanguageRequest(
      @Schema(
              allowableValues = {"zh-CN", "en"},
              requiredMode = Schema.RequiredMode.REQUIRED)
          String language) {}

  @Serdeable
  public record StatusChangeRequest(
      @NotBlank
          @Pattern(
              regexp = "ROUTED|IN_PROGRESS|REJECTED|CANCELLED",
              message = "must be one of ROUTED, IN_PROGRESS, REJECTED, CANCELLED")
          String status,
      @Nullable @Size(max = 2000) String reason) {}
}
