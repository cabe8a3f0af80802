package io.cityflow.cases.persistence;

import io.cityflow.cases.CaseReports;
import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.CityCase;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

@Singleton
class JdbcCaseReports implements CaseReports {
  private static final List<String> CLOSED =
      List.of(
          CaseStatus.RESOLVED.name(),
          CaseStatus.CLOSED.name(),
          CaseStatus.REJECTED.name(),
          CaseStatus.CANCELLED.name());

  private final CaseReportRepository repository;
  private final CasePersistenceMapper mapper;

  JdbcCaseReports(CaseReportRepository repository, CasePersistenceMapper mapper) {
    this.repository = repository;
    this.mapper = mapper;
  }

  @Override
  public List<StatusCount> countsByDepartmentAndStatus(Collection<String> departments) {
    if (departments.isEmpty()) {
      return List.of();
    }
    return repository.countByDepartmentAndStatus(departments).stream()
        .map(r -> new StatusCount(r.leadDepartment(), CaseStatus.valueOf(r.status()), r.n()))
        .toList();
  }

  @Override
  public List<CityCase> overdue(Collection<String> departments, Instant now, int limit) {
    if (departments.isEmpty()) {
      return List.of();
    }
    return repository.overdue(departments, CLOSED, now, limit).stream()
        .map(mapper::toDomain)
        .toList();
  }

  @Override
  public List<CityCase> atRisk(Collection<String> departments, Instant now, int limit) {
    if (departments.isEmpty()) {
      return List.of();
    }
    return repository.atRisk(departments, CLOSED, now, limit).stream()
        .map(mapper::toDomain)
        .toList();
  }

  @Override
  public Compliance compliance(Collection<String> departments, Instant now) {
    if (departments.isEmpty()) {
      return new Compliance(0, 0, 0, 1.0);
    }
    long onTime = repository.resolvedOnTime(departments);
    long late = repository.resolvedLate(departments);
    long overdue = repository.countOverdue(departments, CLOSED, now);
    long judged = onTime + late + overdue;
    return new Compliance(onTime, late, overdue, judged == 0 ? 1.0 : (double) onTime / judged);
  }
}
