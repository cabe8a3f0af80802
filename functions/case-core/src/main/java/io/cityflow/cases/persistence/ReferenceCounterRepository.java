package io.cityflow.cases.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ReferenceCounterRepository extends CrudRepository<ReferenceCounterRow, Integer> {

  /** Takes the row lock until the transaction ends, which keeps numbers gapless and unique. */
  @Query(
      "UPDATE case_reference_counter SET last_number = last_number + 1 WHERE ref_year = :refYear")
  int increment(int refYear);
}
