package io.cityflow.cases;

import java.util.List;
import java.util.Optional;

/** Port: departments, communities, service stations and staff. */
public interface Directory {
  List<Department> departments();

  Optional<Department> department(String code);

  List<Community> communities();

  List<ServiceStation> serviceStations();

  Optional<StaffMember> staff(String username);

  List<StaffMember> staffOf(String departmentCode);

  /** Adds or replaces a staff member. */
  void saveStaff(StaffMember member);
}
