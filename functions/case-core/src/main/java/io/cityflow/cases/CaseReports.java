package io.cityflow.cases;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Port: the figures supervisors watch. All queries are limited to the given departments. */
public interface CaseReports {

  /** How many cases each department has in each status. */
  List<StatusCount> countsByDepartmentAndStatus(Collection<String> departments);

  /** Open cases past their due time, most overdue first. */
  List<CityCase> overdue(Collection<String> departments, Instant now, int limit);

  /** Open cases past their warning time but not yet due, soonest due first. */
  List<CityCase> atRisk(Collection<String> departments, Instant now, int limit);

  /** Resolved on time versus resolved late or still open past due. */
  Compliance compliance(Collection<String> departments, Instant now);

  record StatusCount(String department, CaseStatus status, long count) {}

  /**
   * @param rate on-time resolutions / (all resolutions + open cases already overdue); 1.0 with
   *     nothing to judge
   */
  record Compliance(long resolvedOnTime, long resolvedLate, long openOverdue, double rate) {}
}
