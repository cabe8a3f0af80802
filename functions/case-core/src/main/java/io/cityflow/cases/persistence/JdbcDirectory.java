package io.cityflow.cases.persistence;

import io.cityflow.cases.Community;
import io.cityflow.cases.Department;
import io.cityflow.cases.Directory;
import io.cityflow.cases.ServiceStation;
import io.cityflow.cases.StaffMember;
import io.cityflow.cases.persistence.DirectoryRepositories.CommunityRepository;
import io.cityflow.cases.persistence.DirectoryRepositories.DepartmentRepository;
import io.cityflow.cases.persistence.DirectoryRepositories.ServiceStationRepository;
import io.cityflow.cases.persistence.DirectoryRepositories.StaffRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
class JdbcDirectory implements Directory {
  private final DepartmentRepository departments;
  private final CommunityRepository communities;
  private final ServiceStationRepository stations;
  private final StaffRepository staff;
  private final DirectoryPersistenceMapper mapper;

  JdbcDirectory(
      DepartmentRepository departments,
      CommunityRepository communities,
      ServiceStationRepository stations,
      StaffRepository staff,
      DirectoryPersistenceMapper mapper) {
    this.departments = departments;
    this.communities = communities;
    this.stations = stations;
    this.staff = staff;
    this.mapper = mapper;
  }

  @Override
  @Transactional
  public List<Department> departments() {
    return departments.findByActiveTrueOrderByCode().stream().map(mapper::toDomain).toList();
  }

  @Override
  @Transactional
  public Optional<Department> department(String code) {
    return departments.findById(code).filter(DepartmentRow::active).map(mapper::toDomain);
  }

  @Override
  @Transactional
  public List<Community> communities() {
    return communities.findAll().stream().map(mapper::toDomain).toList();
  }

  @Override
  @Transactional
  public List<ServiceStation> serviceStations() {
    return stations.findAll().stream().map(mapper::toDomain).toList();
  }

  @Override
  @Transactional
  public Optional<StaffMember> staff(String username) {
    return staff.findById(username).map(mapper::toDomain);
  }

  @Override
  @Transactional
  public List<StaffMember> staffOf(String departmentCode) {
    return staff.findByDepartmentsContains(departmentCode).stream()
        .map(mapper::toDomain)
        .filter(m -> m.departments().contains(departmentCode))
        .toList();
  }

  @Override
  @Transactional
  public void saveStaff(StaffMember member) {
    StaffRow row = mapper.toRow(member);
    if (staff.existsById(member.username())) {
      staff.update(row);
    } else {
      staff.save(row);
    }
  }
}
