package io.cityflow.cases.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Repositories of the directory tables. */
public final class DirectoryRepositories {
  private DirectoryRepositories() {}

  @JdbcRepository(dialect = Dialect.POSTGRES)
  public interface DepartmentRepository extends CrudRepository<DepartmentRow, String> {
    List<DepartmentRow> findByActiveTrueOrderByCode();
  }

  @JdbcRepository(dialect = Dialect.POSTGRES)
  public interface CommunityRepository extends CrudRepository<CommunityRow, String> {}

  @JdbcRepository(dialect = Dialect.POSTGRES)
  public interface ServiceStationRepository extends CrudRepository<ServiceStationRow, String> {}

  @JdbcRepository(dialect = Dialect.POSTGRES)
  public interface StaffRepository extends CrudRepository<StaffRow, String> {
    List<StaffRow> findByDepartmentsContains(String department);
  }
}
