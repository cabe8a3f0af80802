package io.cityflow.cases.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * What staff get back: the full case, contact unmasked, with its whole timeline. {@code language}
 * is the notice language ({@code zh-CN} or {@code en}), absent when unknown (notices in both).
 */
public final class StaffResponses {
  private StaffResponses() {}

  @Serdeable
  public record StaffCaseResponse(
      String id,
      String reference,
      String type,
      String channel,
      String contactName,
      String contactPhone,
      String subject,
      @Nullable String description,
      @Nullable String category,
      @Nullable String address,
      @Nullable Double latitude,
      @Nullable Double longitude,
      List<String> departments,
      String priority,
      String status,
      @Nullable String outcome,
      @Nullable String outcomeReason,
      @Nullable String formData,
      Instant submittedAt,
      Instant updatedAt,
      @Nullable Instant slaDueAt,
      @Nullable Instant slaWarnAt,
      @Nullable Instant slaPausedAt,
      @Nullable Integer rating,
      @Nullable String ratingComment,
      @Nullable String language,
      List<TimelineEntryResponse> timeline) {}

  @Serdeable
  public record TimelineEntryResponse(
      Instant at,
      String actor,
      String actorKind,
      String event,
      @Nullable String text,
      boolean visibleToCitizen) {}

  @Serdeable
  public record DepartmentResponse(String code, String nameEn, String nameZh, String kind) {}

  @Serdeable
  public record MeResponse(String username, List<String> roles, List<String> departments) {}
}
