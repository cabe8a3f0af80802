package io.cityflow.cases.persistence;

import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CityCase;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcCaseStore implements CaseStore {
  private final CaseRepository cases;
  private final ReferenceCounterRepository counters;
  private final CasePersistenceMapper mapper;

  JdbcCaseStore(
      CaseRepository cases, ReferenceCounterRepository counters, CasePersistenceMapper mapper) {
    this.cases = cases;
    this.counters = counters;
    this.mapper = mapper;
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
  public List<CityCase> findByProcessInstanceKeys(Collection<Long> processInstanceKeys) {
    if (processInstanceKeys.isEmpty()) {
      return List.of();
    }
    return cases.findByProcessInstanceKeyIn(processInstanceKeys).stream()
        .map(mapper::toDomain)
        .toList();
  }

  @Override
  public List<CityCase> pageByProcessInstanceKeys(
      Collection<Long> processInstanceKeys, int offset, int limit) {
    if (processInstanceKeys.isEmpty()) {
      return List.of();
    }
    return cases.queuePage(processInstanceKeys, limit, offset).stream()
        .map(mapper::toDomain)
        .toList();
  }

  @Override
  public long countByProcessInstanceKeys(Collection<Long> processInstanceKeys) {
    return processInstanceKeys.isEmpty()
        ? 0
        : cases.countByProcessInstanceKeyIn(processInstanceKeys);
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
