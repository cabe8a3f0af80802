package io.cityflow.cases.persistence;

import io.cityflow.cases.Community;
import io.cityflow.cases.Department;
import io.cityflow.cases.ServiceStation;
import io.cityflow.cases.StaffMember;
import io.cityflow.cases.StaffRole;
import java.util.Set;
import java.util.stream.Collectors;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.MappingConstants;

/** Maps the directory's rows to domain records. */
@Mapper(
    componentModel = MappingConstants.ComponentModel.JAKARTA,
    imports = {Codes.class})
public interface DirectoryPersistenceMapper {
  Department toDomain(DepartmentRow row);

  Community toDomain(CommunityRow row);

  ServiceStation toDomain(ServiceStationRow row);

  @Mapping(target = "roles", expression = "java(roles(row.roles()))")
  @Mapping(target = "departments", expression = "java(Codes.split(row.departments()))")
  StaffMember toDomain(StaffRow row);

  @Mapping(target = "roles", expression = "java(Codes.join(member.roles()))")
  @Mapping(target = "departments", expression = "java(Codes.join(member.departments()))")
  StaffRow toRow(StaffMember member);

  default Set<StaffRole> roles(String column) {
    return Codes.split(column).stream().map(StaffRole::valueOf).collect(Collectors.toSet());
  }
}
