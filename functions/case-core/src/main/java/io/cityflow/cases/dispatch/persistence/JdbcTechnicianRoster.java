package io.cityflow.cases.dispatch.persistence;

import io.cityflow.cases.dispatch.Technician;
import io.cityflow.cases.dispatch.TechnicianRoster;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcTechnicianRoster implements TechnicianRoster {
  static final String CITY_WIDE = "*";

  private final TechnicianRepository technicians;
  private final TechnicianAssignmentRepository assignments;

  JdbcTechnicianRoster(
      TechnicianRepository technicians, TechnicianAssignmentRepository assignments) {
    this.technicians = technicians;
    this.assignments = assignments;
  }

  @Override
  public List<Technician> available(String department, String zone) {
    List<TechnicianRow> rows =
        technicians.findByDepartmentCodeAndZoneAndActive(department, zone, true);
    if (rows.isEmpty()) {
      rows = technicians.findByDepartmentCodeAndZoneAndActive(department, CITY_WIDE, true);
    }
    return rows.stream()
        .map(
            r ->
                new Technician(
                    r.username(),
                    r.displayName(),
                    r.departmentCode(),
                    r.zone(),
                    r.lastAssignedAt()))
        .toList();
  }

  @Override
  public Optional<String> assignedTo(UUID caseId) {
    return assignments.findById(caseId).map(TechnicianAssignmentRow::username);
  }

  @Override
  public void assign(UUID caseId, String username, Instant at) {
    assignments.save(new TechnicianAssignmentRow(caseId, username, at));
    technicians.markAssigned(username, at);
  }
}
