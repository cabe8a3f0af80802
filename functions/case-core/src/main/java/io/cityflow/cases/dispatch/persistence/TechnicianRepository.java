package io.cityflow.cases.dispatch.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TechnicianRepository extends GenericRepository<TechnicianRow, String> {
  List<TechnicianRow> findByDepartmentCodeAndZoneAndActive(
      String departmentCode, String zone, boolean active);

  @Query("UPDATE technician SET last_assigned_at = :at WHERE username = :username")
  void markAssigned(String username, Instant at);
}
