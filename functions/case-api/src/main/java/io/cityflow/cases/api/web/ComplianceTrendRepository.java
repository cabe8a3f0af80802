package io.cityflow.cases.api.web;

import io.cityflow.cases.persistence.CaseRow;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The resolutions behind the supervisor's compliance trend; portable between H2 and PostgreSQL. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ComplianceTrendRepository extends GenericRepository<CaseRow, UUID> {

  @Introspected
  record Resolution(Instant resolvedAt, boolean onTime) {}

  @Query(
      value =
          "SELECT resolved_at, (resolved_at <= sla_due_at) AS on_time FROM city_case"
              + " WHERE lead_department IN (:departments) AND resolved_at >= :since"
              + " AND sla_due_at IS NOT NULL",
      nativeQuery = true)
  List<Resolution> resolvedSince(Collection<String> departments, Instant since);
}
