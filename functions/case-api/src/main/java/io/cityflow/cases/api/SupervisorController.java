package io.cityflow.cases.api;

import io.cityflow.cases.CityCase;
import io.cityflow.cases.SupervisorReports;
import io.cityflow.cases.api.OwnerAndSupervisorResponses.CaseSummaryResponse;
import io.cityflow.cases.api.OwnerAndSupervisorResponses.DashboardResponse;
import io.cityflow.cases.api.OwnerAndSupervisorResponses.StatusCountResponse;
import io.cityflow.cases.api.security.StaffPrincipals;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Supervisors' figures over their departments (admins: the city). */
@Controller("/api/supervisor")
@Secured({"SUPERVISOR", "ADMIN"})
@Tag(name = "Supervisor")
@SecurityRequirement(name = "staff")
class SupervisorController {
  private final SupervisorReports reports;

  SupervisorController(SupervisorReports reports) {
    this.reports = reports;
  }

  @Get("/dashboard")
  @Operation(summary = "Counts by status and department, overdue and at-risk cases, SLA compliance")
  DashboardResponse dashboard(
      @QueryValue(defaultValue = "50") @Min(1) @Max(500) int limit, Authentication authentication) {
    SupervisorReports.Dashboard d = reports.dashboard(StaffPrincipals.from(authentication), limit);
    return new DashboardResponse(
        d.counts().stream()
            .map(c -> new StatusCountResponse(c.department(), c.status().name(), c.count()))
            .toList(),
        d.overdue().stream().map(SupervisorController::summary).toList(),
        d.atRisk().stream().map(SupervisorController::summary).toList(),
        d.compliance().resolvedOnTime(),
        d.compliance().resolvedLate(),
        d.compliance().openOverdue(),
        d.compliance().rate());
  }

  private static CaseSummaryResponse summary(CityCase c) {
    return new CaseSummaryResponse(
        c.reference().toString(),
        c.type().name(),
        c.subject(),
        c.status().name(),
        c.leadDepartment(),
        c.slaDueAt());
  }
}
