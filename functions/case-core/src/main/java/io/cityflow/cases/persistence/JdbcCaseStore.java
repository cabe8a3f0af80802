package io.cityflow.cases.persistence;

import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CityCase;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcCaseStore implements CaseStore {
  private static final String BY_INSTANCES =
      "SELECT * FROM city_case WHERE process_instance_key = ANY(?)";

  /**
   * The page is chosen from the covering index alone (ix_case_queue: key, due date, id); only the
   * page's rows are read in full.
   */
  static final String QUEUE_PAGE =
      "WITH page AS (SELECT id, sla_due_at FROM city_case WHERE process_instance_key = ANY(?)"
          + " ORDER BY sla_due_at NULLS LAST, id LIMIT ? OFFSET ?)"
          + " SELECT c.* FROM page p JOIN city_case c ON c.id = p.id"
          + " ORDER BY p.sla_due_at NULLS LAST, p.id";

  private final CaseRepository cases;
  private final ReferenceCounterRepository counters;
  private final CasePersistenceMapper mapper;
  private final JdbcOperations jdbc;

  JdbcCaseStore(
      CaseRepository cases,
      ReferenceCounterRepository counters,
      CasePersistenceMapper mapper,
      JdbcOperations jdbc) {
    this.cases = cases;
    this.counters = counters;
    this.mapper = mapper;
    this.jdbc = jdbc;
  }

  @Override
  public CityCase insert(CityCase c) {
    return mapper.toDomain(cases.save(mapper.toRow(c)));
  }

  @Override
  public CityCase update(CityCase c) {
    return mapper.toDomain(cases.update(mapper.toRow(c)));
  }

  @Override
  public Optional<CityCase> findById(UUID id) {
    return cases.findById(id).map(mapper::toDomain);
  }

  @Override
  public Optional<CityCase> findByReference(CaseReference reference) {
    return cases.findByReference(reference.toString()).map(mapper::toDomain);
  }

  @Override
  @Connectable
  public List<CityCase> findByProcessInstanceKeys(Collection<Long> processInstanceKeys) {
    if (processInstanceKeys.isEmpty()) {
      return List.of();
    }
    return select(BY_INSTANCES, processInstanceKeys, List.of());
  }

  @Override
  @Connectable
  public List<CityCase> pageByProcessInstanceKeys(
      Collection<Long> processInstanceKeys, int offset, int limit) {
    if (processInstanceKeys.isEmpty()) {
      return List.of();
    }
    return select(QUEUE_PAGE, processInstanceKeys, List.of(limit, offset));
  }

  /**
   * Runs a statement whose first parameter is the set of instance keys, as one array parameter
   * instead of an IN list of up to 1,000: the statement text never changes, so the driver keeps it
   * prepared on the server and PostgreSQL plans it once.
   *
   * @param more the statement's further (integer) parameters
   */
  private List<CityCase> select(String sql, Collection<Long> keys, List<Integer> more) {
    Long[] array = keys.toArray(Long[]::new);
    return jdbc.prepareStatement(
        sql,
        statement -> {
          statement.setArray(1, statement.getConnection().createArrayOf("BIGINT", array));
          for (int i = 0; i < more.size(); i++) {
            statement.setInt(i + 2, more.get(i));
          }
          try (ResultSet rows = statement.executeQuery()) {
            return jdbc.entityStream(rows, CaseRow.class).map(mapper::toDomain).toList();
          }
        });
  }

  @Override
  public long nextReferenceNumber(int year) {
    if (counters.increment(year) == 0) {
      // Years beyond the seeded range: the first submission of the year creates the counter.
      counters.save(new ReferenceCounterRow(year, 1));
      return 1;
    }
    return counters.findById(year).orElseThrow().lastNumber();
  }
}
