package io.cityflow.cases;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Supervisors' view over their departments (admins: the whole city): counts by status and
 * department, overdue and at-risk lists, SLA compliance.
 */
@Singleton
public class SupervisorReports {
  private final CaseReports reports;
  private final Directory directory;
  private final Clock clock;

  public SupervisorReports(CaseReports reports, Directory directory, Clock clock) {
    this.reports = reports;
    this.directory = directory;
    this.clock = clock;
  }

  /** Everything on the supervisor's dashboard. */
  public record Dashboard(
      List<CaseReports.StatusCount> counts,
      List<CityCase> overdue,
      List<CityCase> atRisk,
      CaseReports.Compliance compliance) {}

  @Transactional
  public Dashboard dashboard(StaffPrincipal staff, int listLimit) {
    Set<String> departments = scope(staff);
    var now = clock.instant();
    return new Dashboard(
        reports.countsByDepartmentAndStatus(departments),
        reports.overdue(departments, now, listLimit),
        reports.atRisk(departments, now, listLimit),
        reports.compliance(departments, now));
  }

  private Set<String> scope(StaffPrincipal staff) {
    if (staff.has(StaffRole.ADMIN)) {
      return Set.copyOf(directory.departments().stream().map(Department::code).toList());
    }
    if (!staff.has(StaffRole.SUPERVISOR)) {
      throw new AccessDenied("only supervisors see department figures");
    }
    return staff.departments();
  }
}
