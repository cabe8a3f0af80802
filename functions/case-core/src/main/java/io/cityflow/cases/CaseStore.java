package io.cityflow.cases;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: where cases are kept. Implementations take part in the caller's transaction. */
public interface CaseStore {
  CityCase insert(CityCase c);

  CityCase update(CityCase c);

  Optional<CityCase> findById(UUID id);

  Optional<CityCase> findByReference(CaseReference reference);

  /** The cases handled by these process instances (for joining engine tasks with cases). */
  List<CityCase> findByProcessInstanceKeys(Collection<Long> processInstanceKeys);

  /** One page of those cases, soonest due first (no due date last). */
  List<CityCase> pageByProcessInstanceKeys(
      Collection<Long> processInstanceKeys, int offset, int limit);

  /**
   * The next reference number of {@code year}. Drawn inside the caller's transaction and rolled
   * back with it, so numbers have no gaps.
   */
  long nextReferenceNumber(int year);
}
