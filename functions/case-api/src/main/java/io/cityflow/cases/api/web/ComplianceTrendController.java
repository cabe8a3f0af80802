package io.cityflow.cases.api.web;

import io.cityflow.cases.AccessDenied;
import io.cityflow.cases.Directory;
import io.cityflow.cases.StaffPrincipal;
import io.cityflow.cases.StaffRole;
import io.cityflow.cases.api.security.StaffPrincipals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The supervisor's SLA compliance trend: per calendar week (Monday first, city time), how many of
 * their departments' cases were resolved on time and late.
 */
@Controller("/api/web/supervisor")
@Secured({"SUPERVISOR", "ADMIN"})
@Tag(name = "Web pages")
@SecurityRequirement(name = "staff")
class ComplianceTrendController {
  private static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");

  private final ComplianceTrendRepository repository;
  private final Directory directory;
  private final Clock clock;

  ComplianceTrendController(
      ComplianceTrendRepository repository, Directory directory, Clock clock) {
    this.repository = repository;
    this.directory = directory;
    this.clock = clock;
  }

  /**
   * @param rate on time / all resolved in the week; null for a week without resolutions
   */
  @Serdeable
  record WeekCompliance(
      LocalDate weekStarting, long resolvedOnTime, long resolvedLate, @Nullable Double rate) {}

  @Serdeable
  record ComplianceTrendResponse(List<WeekCompliance> weeks) {}

  @Get("/compliance-trend")
  @Operation(summary = "SLA compliance per week, oldest week first, the current week last")
  ComplianceTrendResponse trend(
      @QueryValue(defaultValue = "8") @Min(1) @Max(52) int weeks, Authentication authentication) {
    Set<String> departments = scope(StaffPrincipals.from(authentication));
    LocalDate thisWeek =
        LocalDate.now(clock.withZone(CITY_ZONE))
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate first = thisWeek.minusWeeks(weeks - 1L);
    long[] onTime = new long[weeks];
    long[] late = new long[weeks];
    for (var r : repository.resolvedSince(departments, first.atStartOfDay(CITY_ZONE).toInstant())) {
      LocalDate day = r.resolvedAt().atZone(CITY_ZONE).toLocalDate();
      int week = (int) ChronoUnit.WEEKS.between(first, day);
      if (week >= 0 && week < weeks) {
        if (r.onTime()) {
          onTime[week]++;
        } else {
          late[week]++;
        }
      }
    }
    List<WeekCompliance> result = new ArrayList<>();
    for (int i = 0; i < weeks; i++) {
      long all = onTime[i] + late[i];
      result.add(
          new WeekCompliance(
              first.plusWeeks(i), onTime[i], late[i], all == 0 ? null : (double) onTime[i] / all));
    }
    return new ComplianceTrendResponse(result);
  }

  /** The same scope as the dashboard: a supervisor's departments, or the whole city for admins. */
  private Set<String> scope(StaffPrincipal staff) {
    if (staff.has(StaffRole.ADMIN)) {
      return Set.copyOf(directory.departments().stream().map(d -> d.code()).toList());
    }
    if (!staff.has(StaffRole.SUPERVISOR)) {
      throw new AccessDenied("only supervisors see department figures");
    }
    return staff.departments();
  }
}
