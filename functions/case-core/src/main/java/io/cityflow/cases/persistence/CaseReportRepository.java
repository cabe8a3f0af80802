package io.cityflow.cases.persistence;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Read-only SQL for supervisors' figures; portable between H2 and PostgreSQL. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CaseReportRepository extends GenericRepository<CaseRow, UUID> {

  @Introspected
  record StatusCountRow(String leadDepartment, String status, long n) {}

  @Query(
      "SELECT lead_department, status, count(*) AS n FROM city_case"
          + " WHERE lead_department IN (:departments) GROUP BY lead_department, status")
  List<StatusCountRow> countByDepartmentAndStatus(Collection<String> departments);

  @Query(
      value =
          "SELECT * FROM city_case WHERE lead_department IN (:departments)"
              + " AND status NOT IN (:closed) AND sla_paused_at IS NULL AND sla_due_at < :now"
              + " ORDER BY sla_due_at LIMIT :limit",
      nativeQuery = true)
  List<CaseRow> overdue(
      Collection<String> departments, List<String> closed, Instant now, int limit);

  @Query(
      value =
          "SELECT * FROM city_case WHERE lead_department IN (:departments)"
              + " AND status NOT IN (:closed) AND sla_paused_at IS NULL"
              + " AND sla_warn_at <= :now AND sla_due_at >= :now ORDER BY sla_due_at LIMIT :limit",
      nativeQuery = true)
  List<CaseRow> atRisk(Collection<String> departments, List<String> closed, Instant now, int limit);

  @Query(
      "SELECT count(*) FROM city_case WHERE lead_department IN (:departments)"
          + " AND status NOT IN (:closed) AND sla_paused_at IS NULL AND sla_due_at < :now")
  long countOverdue(Collection<String> departments, List<String> closed, Instant now);

  @Query(
      "SELECT count(*) FROM city_case WHERE lead_department IN (:departments)"
          + " AND resolved_at IS NOT NULL AND resolved_at <= sla_due_at")
  long resolvedOnTime(Collection<String> departments);

  @Query(
      "SELECT count(*) FROM city_case WHERE lead_department IN (:departments)"
          + " AND resolved_at IS NOT NULL AND resolved_at > sla_due_at")
  long resolvedLate(Collection<String> departments);
}
