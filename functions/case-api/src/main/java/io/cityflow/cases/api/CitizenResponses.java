package io.cityflow.cases.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What citizens get back. Contact details are masked. */
public final class CitizenResponses {
  private CitizenResponses() {}

  @Serdeable
  public record SubmitCaseResponse(
      String reference,
      String trackingCode,
      String status,
      String statusText,
      Instant expectedBy,
      LocalDate expectedDate) {}

  @Serdeable
  public record CitizenCaseResponse(
      String reference,
      String type,
      String subject,
      String status,
      String statusText,
      @Nullable Instant expectedBy,
      @Nullable LocalDate expectedDate,
      @Nullable String outcome,
      @Nullable String outcomeReason,
      boolean informationRequested,
      boolean canRate,
      @Nullable Integer rating,
      String contactName,
      String contactPhone,
      List<PublicTimelineEntry> timeline) {}

  /** A timeline entry as the citizen sees it: who is "you" or "city", never a clerk's name. */
  @Serdeable
  public record PublicTimelineEntry(Instant at, String by, String event, @Nullable String text) {}
}
