package io.cityflow.cases.api;

import io.cityflow.cases.ProcessModels.DeployedModel;
import io.cityflow.cases.ProcessModels.ModelElement;
import io.cityflow.cases.migration.ElementMapping;
import io.cityflow.cases.migration.MigrationPlan;
import io.cityflow.cases.migration.MigrationRecord;
import io.cityflow.cases.migration.MigrationRun;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Process owners' migration of running instances to a newer version (ADR 0020). */
public final class MigrationResponses {
  private MigrationResponses() {}

  /**
   * The owner's mapping of one element: one without a counterpart of the same id and type, or one
   * whose same-id counterpart is not where its cases should go (an id reused for another step).
   */
  @Serdeable
  public record MappingRequest(
      @NotBlank @Size(max = 200) String sourceElementId,
      @NotBlank @Size(max = 200) String targetElementId) {}

  @Serdeable
  public record MigrationPlanRequest(
      @NotNull Long targetKey, @Nullable @Size(max = 500) List<@Valid MappingRequest> mappings) {}

  /**
   * One batch: the selected instances, or else the next running ones after {@code
   * afterInstanceKey}.
   */
  @Serdeable
  public record MigrationRunRequest(
      @NotNull Long targetKey,
      @Nullable @Size(max = 500) List<@Valid MappingRequest> mappings,
      @Nullable @Size(max = 25) List<@NotNull Long> instanceKeys,
      @Nullable Long afterInstanceKey) {}

  @Serdeable
  public record VersionResponse(long key, String processId, @Nullable String name, int version) {}

  @Serdeable
  public record MappingResponse(String sourceElementId, String targetElementId) {}

  /**
   * An element running instances wait in.
   *
   * @param keptTask for a user task moving to a task with another form or other candidate groups:
   *     the form and groups the moved task keeps until it completes (the engine moves a task, it
   *     does not create it anew)
   * @param boundaryEvents timers and subscriptions that end ({@code CLOSES}) or open afresh ({@code
   *     STARTS}) when the instances move, instead of carrying over
   * @param warnings the same in words
   */
  @Serdeable
  public record ActiveElementResponse(
      String elementId,
      @Nullable String name,
      @Nullable String type,
      int instances,
      @Nullable String targetElementId,
      boolean mapped,
      @Nullable String problem,
      @Nullable KeptTaskResponse keptTask,
      List<BoundaryEventResponse> boundaryEvents,
      List<String> warnings) {}

  /**
   * @param sourceVersion the version whose task the moved instances keep
   * @param formId the form they keep, or null for none
   * @param targetFormId the form of the task they move to, shown to instances that reach it anew
   */
  @Serdeable
  public record KeptTaskResponse(
      int sourceVersion,
      @Nullable String formId,
      @Nullable String candidateGroups,
      @Nullable String targetFormId,
      @Nullable String targetCandidateGroups) {}

  /**
   * @param kind {@code timer}, {@code message}, {@code signal} or {@code conditional}
   * @param change {@code CLOSES} (an event of the source element) or {@code STARTS} (an event of
   *     the target element)
   */
  @Serdeable
  public record BoundaryEventResponse(
      String elementId, @Nullable String name, String kind, String change) {}

  @Serdeable
  public record MigrationPlanResponse(
      VersionResponse source,
      VersionResponse target,
      List<MappingResponse> mappings,
      List<ActiveElementResponse> activeElements,
      int runningInstances,
      int migratable,
      int blocked,
      boolean complete,
      int batchSize) {}

  @Serdeable
  public record InstanceResultResponse(
      long processInstanceKey,
      @Nullable String caseReference,
      String outcome,
      @Nullable String reason) {}

  @Serdeable
  public record TotalsResponse(int migrated, int refused, int failed, int skipped) {}

  @Serdeable
  public record MigrationRecordResponse(
      UUID id,
      String ranBy,
      Instant ranAt,
      VersionResponse source,
      VersionResponse target,
      List<MappingResponse> mappings,
      List<InstanceResultResponse> results,
      TotalsResponse totals) {}

  @Serdeable
  public record MigrationRunResponse(
      UUID id,
      String ranBy,
      Instant ranAt,
      VersionResponse source,
      VersionResponse target,
      List<MappingResponse> mappings,
      List<InstanceResultResponse> results,
      TotalsResponse totals,
      long remaining,
      @Nullable Long nextAfterInstanceKey) {}

  /**
   * A flow element of a process version, to map a renamed element to.
   *
   * @param type compared as a migration plan compares it: elements map to elements of the same type
   * @param scopeId the embedded subprocess the element lies directly in, or null at the top level
   * @param attachedToId for a boundary event, the activity it is attached to
   * @param formId for a user task, its form (form id, else form key or external reference)
   * @param candidateGroups for a user task, its candidate groups as in the model
   */
  @Serdeable
  public record ElementResponse(
      String id,
      @Nullable String name,
      String type,
      @Nullable String scopeId,
      @Nullable String attachedToId,
      @Nullable String formId,
      @Nullable String candidateGroups) {}

  @Serdeable
  public record ModelElementsResponse(
      long key,
      String processId,
      @Nullable String name,
      int version,
      List<ElementResponse> elements) {}

  static ModelElementsResponse toResponse(DeployedModel model, List<ModelElement> elements) {
    return new ModelElementsResponse(
        model.key(),
        model.id(),
        model.name(),
        model.version(),
        elements.stream()
            .map(
                e ->
                    new ElementResponse(
                        e.id(),
                        e.name(),
                        e.type(),
                        e.scopeId(),
                        e.attachedToId(),
                        e.formId(),
                        e.candidateGroups()))
            .toList());
  }

  static List<ElementMapping> toDomain(List<MappingRequest> mappings) {
    return mappings == null
        ? List.of()
        : mappings.stream()
            .map(m -> new ElementMapping(m.sourceElementId(), m.targetElementId()))
            .toList();
  }

  static MigrationPlanResponse toResponse(MigrationPlan p, int batchSize) {
    return new MigrationPlanResponse(
        new VersionResponse(
            p.source().key(), p.source().id(), p.source().name(), p.source().version()),
        new VersionResponse(
            p.target().key(), p.target().id(), p.target().name(), p.target().version()),
        mappings(p.mappings()),
        p.activeElements().stream()
            .map(
                e ->
                    new ActiveElementResponse(
                        e.elementId(),
                        e.name(),
                        e.type(),
                        e.instances(),
                        e.targetElementId(),
                        e.problem() == null,
                        e.problem(),
                        keptTask(e.keptTask()),
                        e.boundaryEvents().stream()
                            .map(
                                b ->
                                    new BoundaryEventResponse(
                                        b.elementId(), b.name(), b.kind(), b.change().name()))
                            .toList(),
                        e.warnings()))
            .toList(),
        p.runningInstances(),
        p.migratable(),
        p.blocked(),
        p.complete(),
        batchSize);
  }

  static MigrationRecordResponse toResponse(MigrationRecord r) {
    return new MigrationRecordResponse(
        r.id(),
        r.ranBy(),
        r.ranAt(),
        new VersionResponse(r.sourceKey(), r.processId(), null, r.sourceVersion()),
        new VersionResponse(r.targetKey(), r.processId(), null, r.targetVersion()),
        mappings(r.mappings()),
        results(r),
        totals(r));
  }

  static MigrationRunResponse toResponse(MigrationRun run) {
    MigrationRecordResponse r = toResponse(run.record());
    return new MigrationRunResponse(
        r.id(),
        r.ranBy(),
        r.ranAt(),
        r.source(),
        r.target(),
        r.mappings(),
        r.results(),
        r.totals(),
        run.remaining(),
        run.nextAfterInstanceKey());
  }

  private static KeptTaskResponse keptTask(MigrationPlan.KeptTask kept) {
    return kept == null
        ? null
        : new KeptTaskResponse(
            kept.sourceVersion(),
            kept.formId(),
            kept.candidateGroups(),
            kept.targetFormId(),
            kept.targetCandidateGroups());
  }

  private static List<MappingResponse> mappings(List<ElementMapping> mappings) {
    return mappings.stream()
        .map(m -> new MappingResponse(m.sourceElementId(), m.targetElementId()))
        .toList();
  }

  private static List<InstanceResultResponse> results(MigrationRecord r) {
    return r.results().stream()
        .map(
            i ->
                new InstanceResultResponse(
                    i.processInstanceKey(), i.caseReference(), i.outcome().name(), i.reason()))
        .toList();
  }

  private static TotalsResponse totals(MigrationRecord r) {
    return new TotalsResponse(
        r.count(MigrationRecord.Outcome.MIGRATED),
        r.count(MigrationRecord.Outcome.REFUSED),
        r.count(MigrationRecord.Outcome.FAILED),
        r.count(MigrationRecord.Outcome.SKIPPED));
  }
}
