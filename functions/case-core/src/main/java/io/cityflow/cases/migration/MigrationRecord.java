package io.cityflow.cases.migration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The audit record of one migration batch: who moved which instances of which version to which,
 * when, with which mapping, and what happened to each instance.
 */
public record MigrationRecord(
    UUID id,
    String ranBy,
    Instant ranAt,
    String processId,
    long sourceKey,
    int sourceVersion,
    long targetKey,
    int targetVersion,
    List<ElementMapping> mappings,
    List<InstanceResult> results) {

  public MigrationRecord {
    mappings = List.copyOf(mappings);
    results = List.copyOf(results);
  }

  public int count(Outcome outcome) {
    return (int) results.stream().filter(r -> r.outcome() == outcome).count();
  }

  /** What happened to one instance. */
  public enum Outcome {
    /** It now runs on the target version. */
    MIGRATED,
    /** The engine refused; the instance is unchanged and the reason is the engine's. */
    REFUSED,
    /**
     * The engine could not be asked (unreachable, failed); the instance is as the engine has it.
     */
    FAILED,
    /** It was no longer a running instance of the source version (moved or ended already). */
    SKIPPED
  }

  /**
   * @param caseReference the case the instance handles, when it handles one
   * @param reason the engine's reason for a refusal, or why the instance was skipped
   */
  public record InstanceResult(
      long processInstanceKey, String caseReference, Outcome outcome, String reason) {}
}
