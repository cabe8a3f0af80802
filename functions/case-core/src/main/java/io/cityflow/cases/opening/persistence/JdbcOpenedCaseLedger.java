package io.cityflow.cases.opening.persistence;

import io.cityflow.cases.opening.OpenedCaseLedger;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcOpenedCaseLedger implements OpenedCaseLedger {
  private final OpenedCaseRepository rows;

  JdbcOpenedCaseLedger(OpenedCaseRepository rows) {
    this.rows = rows;
  }

  @Override
  public Optional<UUID> find(String openingKey) {
    return rows.findById(openingKey).map(OpenedCaseRow::caseId);
  }

  @Override
  public void record(String openingKey, UUID caseId, UUID parentCaseId, Instant at) {
    rows.save(new OpenedCaseRow(openingKey, caseId, parentCaseId, at));
  }
}
