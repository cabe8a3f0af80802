package io.cityflow.cases.opening;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: the cases the workflow opened, under the key of the job that opened each one. Takes part in
 * the caller's transaction, so a case and its ledger entry are written together.
 */
public interface OpenedCaseLedger {
  Optional<UUID> find(String openingKey);

  void record(String openingKey, UUID caseId, @Nullable UUID parentCaseId, Instant at);
}
