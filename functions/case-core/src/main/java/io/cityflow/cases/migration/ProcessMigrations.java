package io.cityflow.cases.migration;

import io.cityflow.cases.CaseRuleViolation;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.ProcessModels;
import io.cityflow.cases.ProcessModels.DeployedModel;
import io.cityflow.cases.ProcessModels.MigrationRefused;
import io.cityflow.cases.ProcessModels.ModelElement;
import io.cityflow.cases.ProcessModels.RunningInstance;
import io.cityflow.cases.ProcessModels.RunningInstances;
import io.cityflow.cases.migration.MigrationPlan.BoundaryEventChange;
import io.cityflow.cases.migration.MigrationPlan.BoundaryEventChange.Change;
import io.cityflow.cases.migration.MigrationPlan.KeptTask;
import io.cityflow.cases.migration.MigrationRecord.InstanceResult;
import io.cityflow.cases.migration.MigrationRecord.Outcome;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Moves the running instances of one process version to a newer version of the same process, so
 * that a fixed model applies to the cases already under way (ADR 0020). An element maps to the
 * element of the same id and type in the target unless the owner maps it elsewhere. Each instance
 * moves on its own; the engine has the last word and its refusals are reported, not hidden.
 */
@Singleton
public class ProcessMigrations {
  /** Instances one call moves at most: a run over many instances is a series of short calls. */
  public static final int BATCH = 25;

  private static final List<String> STATEFUL_EVENTS =
      List.of("timer", "message", "signal", "conditional");

  /** Running instances a plan or a run reads at most. */
  static final int MAX_INSTANCES = 10_000;

  private final ProcessModels models;
  private final MigrationLog log;
  private final CaseStore cases;
  private final Clock clock;

  public ProcessMigrations(ProcessModels models, MigrationLog log, CaseStore cases, Clock clock) {
    this.models = models;
    this.log = log;
    this.cases = cases;
    this.clock = clock;
  }

  /**
   * What migrating the running instances of {@code sourceKey} to {@code targetKey} would do.
   *
   * @throws CaseRuleViolation on unknown versions, versions of different processes, a target that
   *     is not newer, or a mapping that names missing elements or elements of different types
   */
  public MigrationPlan plan(long sourceKey, long targetKey, List<ElementMapping> explicit) {
    Prepared prepared = prepare(sourceKey, targetKey, explicit);
    RunningInstances running = models.running(sourceKey, MAX_INSTANCES);
    Map<String, Integer> waiting = new TreeMap<>();
    int migratable = 0;
    for (RunningInstance instance : running.instances()) {
      Set<String> active = new LinkedHashSet<>(instance.activeElementIds());
      active.forEach(id -> waiting.merge(id, 1, Integer::sum));
      if (active.stream().allMatch(id -> prepared.problem(id) == null)) {
        migratable++;
      }
    }
    List<MigrationPlan.ActiveElement> elements = new ArrayList<>();
    waiting.forEach(
        (id, count) -> {
          ModelElement element = prepared.source.get(id);
          String problem = prepared.problem(id);
          // What moving keeps or changes matters only for instances that move.
          KeptTask kept = problem == null ? prepared.keptTask(id) : null;
          List<BoundaryEventChange> events =
              problem == null ? prepared.boundaryEventChanges(id) : List.of();
          elements.add(
              new MigrationPlan.ActiveElement(
                  id,
                  element == null ? null : element.name(),
                  element == null ? null : element.type(),
                  count,
                  prepared.mapping.get(id),
                  problem,
                  kept,
                  events,
                  warnings(prepared.mapping.get(id), kept, events)));
        });
    int total = running.instances().size();
    return new MigrationPlan(
        prepared.sourceVersion,
        prepared.targetVersion,
        prepared.mappings(),
        elements,
        total,
        migratable,
        total - migratable,
        running.complete());
  }

  /**
   * Migrates one batch: the {@code selected} instances (at most {@link #BATCH}), or else the next
   * {@link #BATCH} running instances of the source after {@code afterInstanceKey}. Every instance
   * is tried on its own; the batch is recorded with its outcome whatever happens to each.
   */
  public MigrationRun run(
      String ranBy,
      long sourceKey,
      long targetKey,
      List<ElementMapping> explicit,
      List<Long> selected,
      Long afterInstanceKey) {
    if (selected != null && selected.size() > BATCH) {
      throw new CaseRuleViolation(
          "instanceKeys",
          "select at most " + BATCH + " instances per call, not " + selected.size());
    }
    Prepared prepared = prepare(sourceKey, targetKey, explicit);
    List<Long> runningKeys =
        models.running(sourceKey, MAX_INSTANCES).instances().stream()
            .map(RunningInstance::key)
            .sorted()
            .toList();
    List<Long> batch;
    long remaining;
    if (selected != null && !selected.isEmpty()) {
      batch = selected.stream().distinct().toList();
      remaining = 0;
    } else {
      long after = afterInstanceKey == null ? Long.MIN_VALUE : afterInstanceKey;
      List<Long> ahead = runningKeys.stream().filter(k -> k > after).toList();
      batch = ahead.subList(0, Math.min(BATCH, ahead.size()));
      remaining = ahead.size() - batch.size();
    }
    Set<Long> running = new HashSet<>(runningKeys);
    Map<Long, String> references =
        cases.findByProcessInstanceKeys(batch).stream()
            .collect(
                Collectors.toMap(
                    CityCase::processInstanceKey, c -> c.reference().toString(), (a, b) -> a));
    List<InstanceResult> results = new ArrayList<>();
    for (long key : batch) {
      results.add(migrateOne(key, references.get(key), running, prepared));
    }
    MigrationRecord record =
        new MigrationRecord(
            UUID.randomUUID(),
            ranBy,
            clock.instant(),
            prepared.sourceVersion.id(),
            sourceKey,
            prepared.sourceVersion.version(),
            targetKey,
            prepared.targetVersion.version(),
            prepared.mappings(),
            results);
    log.record(record);
    Long next = remaining > 0 ? batch.get(batch.size() - 1) : null;
    return new MigrationRun(record, remaining, next);
  }

  /** The newest recorded batches first. */
  public List<MigrationRecord> history(int limit) {
    return log.latest(Math.max(1, Math.min(limit, 200)));
  }

  private InstanceResult migrateOne(
      long key, String reference, Set<Long> running, Prepared prepared) {
    if (!running.contains(key)) {
      return new InstanceResult(
          key,
          reference,
          Outcome.SKIPPED,
          "not a running instance of version "
              + prepared.sourceVersion.version()
              + " (moved or ended already)");
    }
    try {
      models.migrate(key, prepared.targetVersion.key(), prepared.mapping);
      return new InstanceResult(key, reference, Outcome.MIGRATED, null);
    } catch (MigrationRefused e) {
      return new InstanceResult(key, reference, Outcome.REFUSED, e.getMessage());
    } catch (RuntimeException e) {
      // Each instance stands alone: one the engine could not handle does not stop the others,
      // and the batch is still recorded.
      return new InstanceResult(key, reference, Outcome.FAILED, String.valueOf(e.getMessage()));
    }
  }

  private Prepared prepare(long sourceKey, long targetKey, List<ElementMapping> explicit) {
    DeployedModel source =
        models
            .process(sourceKey)
            .orElseThrow(
                () ->
                    new CaseRuleViolation(
                        "sourceKey", "no deployed process version has the key " + sourceKey));
    DeployedModel target =
        models
            .process(targetKey)
            .orElseThrow(
                () ->
                    new CaseRuleViolation(
                        "targetKey", "no deployed process version has the key " + targetKey));
    if (!source.id().equals(target.id())) {
      throw new CaseRuleViolation(
          "targetKey",
          "version key "
              + targetKey
              + " belongs to process '"
              + target.id()
              + "', not to '"
              + source.id()
              + "'");
    }
    if (target.version() <= source.version()) {
      throw new CaseRuleViolation(
          "targetKey",
          "instances move to a newer version only: the target is version "
              + target.version()
              + ", the source version "
              + source.version());
    }
    Map<String, ModelElement> from = byId(models.elements(sourceKey));
    Map<String, ModelElement> to = byId(models.elements(targetKey));
    Map<String, String> mapping = new TreeMap<>();
    from.values().stream()
        .filter(e -> to.containsKey(e.id()) && to.get(e.id()).type().equals(e.type()))
        .forEach(e -> mapping.put(e.id(), e.id()));
    Map<String, Integer> mappedByOwner = new HashMap<>();
    List<ElementMapping> owner = explicit == null ? List.of() : explicit;
    for (int i = 0; i < owner.size(); i++) {
      ElementMapping m = owner.get(i);
      String field = "mappings[" + i + "]";
      if (m == null || blank(m.sourceElementId()) || blank(m.targetElementId())) {
        throw new CaseRuleViolation(field, "give both sourceElementId and targetElementId");
      }
      ModelElement s = from.get(m.sourceElementId());
      ModelElement t = to.get(m.targetElementId());
      if (mappedByOwner.putIfAbsent(m.sourceElementId(), i) != null) {
        throw new CaseRuleViolation(
            field + ".sourceElementId", "'" + m.sourceElementId() + "' is mapped twice");
      }
      if (s == null) {
        throw new CaseRuleViolation(
            field + ".sourceElementId",
            "version " + source.version() + " has no element '" + m.sourceElementId() + "'");
      }
      if (t == null) {
        throw new CaseRuleViolation(
            field + ".targetElementId",
            "version " + target.version() + " has no element '" + m.targetElementId() + "'");
      }
      if (!s.type().equals(t.type())) {
        throw new CaseRuleViolation(
            field + ".targetElementId",
            "'"
                + s.id()
                + "' is a "
                + s.type()
                + " but '"
                + t.id()
                + "' is a "
                + t.type()
                + ": only elements of the same type map");
      }
      mapping.put(s.id(), t.id());
    }
    followHosts(from, to, mapping, mappedByOwner);
    return new Prepared(source, target, from, to, mapping);
  }

  /**
   * Boundary events follow the element they are attached to, as the engine requires: a boundary
   * event maps only to a boundary event attached to where its element goes. A same-id mapping that
   * does not (the owner sent the element elsewhere, or the new version moved the event) is dropped,
   * so that the event closes and the target's own boundary events open afresh, like a renamed
   * timer's; an owner's mapping that does not is refused. A boundary event of the target is reached
   * by one mapping at most: the owner's wins over a same-id one.
   */
  private static void followHosts(
      Map<String, ModelElement> from,
      Map<String, ModelElement> to,
      Map<String, String> mapping,
      Map<String, Integer> mappedByOwner) {
    for (ModelElement event : from.values()) {
      String counterpart = mapping.get(event.id());
      String host = event.attachedToId() == null ? null : mapping.get(event.attachedToId());
      if (counterpart == null || host == null || host.equals(to.get(counterpart).attachedToId())) {
        continue;
      }
      Integer index = mappedByOwner.get(event.id());
      if (index == null) {
        mapping.remove(event.id());
      } else {
        throw new CaseRuleViolation(
            "mappings[" + index + "].targetElementId",
            "'"
                + event.id()
                + "' is a boundary event of '"
                + event.attachedToId()
                + "', which continues in '"
                + host
                + "', but '"
                + counterpart
                + "' is attached to '"
                + to.get(counterpart).attachedToId()
                + "': map it to a boundary event of '"
                + host
                + "' or leave it out");
      }
    }
    Map<String, String> reachedBy = new HashMap<>();
    for (String eventId : List.copyOf(mapping.keySet())) {
      if (from.get(eventId).attachedToId() == null) {
        continue;
      }
      String counterpart = mapping.get(eventId);
      String other = reachedBy.putIfAbsent(counterpart, eventId);
      if (other == null) {
        continue;
      }
      boolean ownerMapsThis = mappedByOwner.containsKey(eventId);
      boolean ownerMapsOther = mappedByOwner.containsKey(other);
      if (ownerMapsThis && ownerMapsOther) {
        throw new CaseRuleViolation(
            "mappings[" + mappedByOwner.get(eventId) + "].targetElementId",
            "'"
                + counterpart
                + "' is already the counterpart of '"
                + other
                + "': a boundary event takes the timer or subscription of one event only");
      }
      String dropped = ownerMapsThis ? other : eventId;
      mapping.remove(dropped);
      reachedBy.put(counterpart, ownerMapsThis ? eventId : other);
    }
  }

  /** The plan's notes in words, for API users; the console words them from the fields. */
  private static List<String> warnings(
      String targetId, KeptTask kept, List<BoundaryEventChange> events) {
    List<String> warnings = new ArrayList<>();
    if (kept != null) {
      warnings.add(
          "cases keep "
              + (kept.formId() == null ? "no form" : "the form '" + kept.formId() + "'")
              + " and the candidate groups of version "
              + kept.sourceVersion()
              + " until this step completes; '"
              + targetId
              + "' has "
              + (kept.targetFormId() == null ? "no form" : "the form '" + kept.targetFormId() + "'")
              + (Objects.equals(kept.candidateGroups(), kept.targetCandidateGroups())
                  ? ""
                  : " and the candidate groups '" + kept.targetCandidateGroups() + "'"));
    }
    for (BoundaryEventChange event : events) {
      warnings.add(
          event.kind()
              + " '"
              + event.elementId()
              + "' "
              + (event.change() == Change.CLOSES
                  ? "closes: it has no counterpart where the cases continue"
                  : "starts afresh, as on entering '" + targetId + "'"));
    }
    return warnings;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static Map<String, ModelElement> byId(List<ModelElement> elements) {
    return elements.stream()
        .collect(
            Collectors.toMap(
                ModelElement::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  private record Prepared(
      DeployedModel sourceVersion,
      DeployedModel targetVersion,
      Map<String, ModelElement> source,
      Map<String, ModelElement> target,
      Map<String, String> mapping) {

    List<ElementMapping> mappings() {
      return mapping.entrySet().stream()
          .map(e -> new ElementMapping(e.getKey(), e.getValue()))
          .toList();
    }

    /**
     * What a user task keeps when it moves to a task with another form or other candidate groups,
     * or null.
     */
    KeptTask keptTask(String elementId) {
      ModelElement from = source.get(elementId);
      ModelElement to = target.get(mapping.get(elementId));
      if (!"userTask".equals(from.type())
          || Objects.equals(from.formId(), to.formId())
              && Objects.equals(from.candidateGroups(), to.candidateGroups())) {
        return null;
      }
      return new KeptTask(
          sourceVersion.version(),
          from.formId(),
          from.candidateGroups(),
          to.formId(),
          to.candidateGroups());
    }

    /**
     * The boundary events with a timer or subscription that do not carry over when instances
     * waiting in this element move (ADR 0017): the element's events the mapping leaves out close,
     * and the target's events no mapping reaches start as on entering it.
     */
    List<BoundaryEventChange> boundaryEventChanges(String elementId) {
      String to = mapping.get(elementId);
      List<BoundaryEventChange> changes = new ArrayList<>();
      Set<String> reached = new HashSet<>();
      for (ModelElement event : source.values()) {
        String kind = stateKind(event);
        if (kind == null || !elementId.equals(event.attachedToId())) {
          continue;
        }
        if (mapping.containsKey(event.id())) {
          reached.add(mapping.get(event.id()));
        } else {
          changes.add(new BoundaryEventChange(event.id(), event.name(), kind, Change.CLOSES));
        }
      }
      for (ModelElement event : target.values()) {
        String kind = stateKind(event);
        if (kind != null && to.equals(event.attachedToId()) && !reached.contains(event.id())) {
          changes.add(new BoundaryEventChange(event.id(), event.name(), kind, Change.STARTS));
        }
      }
      return changes;
    }

    /**
     * The kind of a boundary event whose timer or subscription is state an instance holds ({@code
     * timer}, {@code message}, {@code signal}, {@code conditional}); null for other elements and
     * for error, escalation and compensation events, which hold none.
     */
    private static String stateKind(ModelElement element) {
      if (element.attachedToId() == null) {
        return null;
      }
      for (String kind : STATEFUL_EVENTS) {
        if (element.type().endsWith("(" + kind + ")")) {
          return kind;
        }
      }
      return null;
    }

    /** Why instances waiting in this source element cannot move, or null. */
    String problem(String elementId) {
      ModelElement element = source.get(elementId);
      if (element == null) {
        return "not an element of version " + sourceVersion.version();
      }
      String to = mapping.get(elementId);
      if (to == null) {
        return "version "
            + targetVersion.version()
            + " has no "
            + element.type()
            + " '"
            + elementId
            + "'; map it to an element of that type";
      }
      if (element.limitation() != null) {
        return element.limitation();
      }
      // An element inside an embedded subprocess moves with it: the subprocess must map too, and
      // the element's target must lie directly inside the subprocess's target.
      String scope = element.scopeId();
      String targetScope = scope == null ? null : mapping.get(scope);
      if (scope != null && targetScope == null) {
        return "inside the subprocess '" + scope + "', which has no counterpart; map it too";
      }
      if (!Objects.equals(target.get(to).scopeId(), targetScope)) {
        return "its counterpart '"
            + to
            + "' is not directly inside "
            + (scope == null ? "the process" : "'" + targetScope + "'");
      }
      return null;
    }
  }
}
