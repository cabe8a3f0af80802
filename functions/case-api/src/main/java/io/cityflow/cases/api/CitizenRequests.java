package io.cityflow.cases.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** What citizens send. */
public final class CitizenRequests {
  private CitizenRequests() {}

  /**
   * A new case. Enumerations are strings here so that a wrong value names its field. {@code
   * language} is the language the citizen reads notices in (the page's language); absent, notices
   * come in both.
   */
  @Serdeable
  public record SubmitCaseRequest(
      @NotBlank
          @Pattern(
              regexp =
                  "HOTLINE_TICKET|APPROVAL_APPLICATION|COMMUNITY_SERVICE_REQUEST|DEVICE_MAINTENANCE",
              message =
                  "must be one of HOTLINE_TICKET, APPROVAL_APPLICATION,"
                      + " COMMUNITY_SERVICE_REQUEST, DEVICE_MAINTENANCE")
          String type,
      @Nullable
          @Pattern(
              regexp = "WEB|APP|PHONE|COUNTER|DEVICE",
              message = "must be one of WEB, APP, PHONE, COUNTER, DEVICE")
          String channel,
      @NotNull @Valid ContactRequest contact,
      @NotBlank @Size(max = 200) String subject,
      @Nullable @Size(max = 4000) String description,
      @Nullable
          @Size(max = 80)
          @Pattern(regexp = "[a-z0-9-]*", message = "lower-case words joined by -")
          String category,
      @Nullable @Valid LocationRequest location,
      @Nullable
          @Pattern(
              regexp = "LOW|NORMAL|HIGH|URGENT",
              message = "must be one of LOW, NORMAL, HIGH, URGENT")
          String priority,
      @Nullable @Size(max = 50) Map<String, Object> formData,
      @Nullable @Size(max = 5) List<@Valid AttachmentUpload> attachments,
      @Nullable @Pattern(regexp = "zh-CN|en", message = "must be one of zh-CN, en")
          String language) {}

  @Serdeable
  public record ContactRequest(
      @NotBlank @Size(max = 60) String name,
      @NotBlank @Pattern(regexp = "\\+?[0-9][0-9 -]{4,19}", message = "must be a phone number")
          String phone) {}

  @Serdeable
  public record LocationRequest(
      @NotBlank @Size(max = 300) String address,
      @Nullable @DecimalMin("-90") @DecimalMax("90") Double latitude,
      @Nullable @DecimalMin("-180") @DecimalMax("180") Double longitude) {}

  /** The citizen's answer to a request for information. */
  @Serdeable
  public record InformationRequest(
      @NotBlank @Size(max = 4000) String text,
      @Nullable @Size(max = 5) List<@Valid AttachmentUpload> attachments) {}

  /** A file, base64-encoded; its type is decided by its content. */
  @Serdeable
  public record AttachmentUpload(
      @NotBlank @Size(max = 200) String fileName, @NotBlank String contentBase64) {}

  @Serdeable
  public record RatingRequest(
      @NotNull @Min(1) @Max(5) Integer score, @Nullable @Size(max = 1000) String comment) {}
}
