package io.cityflow.cases.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Process owners' and supervisors' records. */
public final class OwnerAndSupervisorResponses {
  private OwnerAndSupervisorResponses() {}

  @Serdeable
  public record ModelResponse(
      long key,
      String id,
      @Nullable String name,
      int version,
      @Nullable String resourceName,
      long activeInstances) {}

  /** A model or form to deploy; the content is base64 so that one JSON body carries it. */
  @Serdeable
  public record DeployRequest(
      @NotBlank @Size(max = 200) String fileName,
      @NotBlank @Size(max = 4_000_000) String contentBase64) {}

  @Serdeable
  public record StatusCountResponse(String department, String status, long count) {}

  @Serdeable
  public record CaseSummaryResponse(
      String reference,
      String type,
      String subject,
      String status,
      @Nullable String department,
      @Nullable Instant slaDueAt) {}

  @Serdeable
  public record DashboardResponse(
      List<StatusCountResponse> counts,
      List<CaseSummaryResponse> overdue,
      List<CaseSummaryResponse> atRisk,
      long resolvedOnTime,
      long resolvedLate,
      long openOverdue,
      double complianceRate) {}
}
