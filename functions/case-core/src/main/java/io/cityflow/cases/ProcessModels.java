package io.cityflow.cases;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: the models deployed to the workflow engine, for process owners. */
public interface ProcessModels {

  /** Every deployed process version, newest first, with its active instance count. */
  List<DeployedModel> models();

  /** Deploys one BPMN, DMN or form resource (already validated) and returns what was deployed. */
  List<DeployedModel> deploy(String resourceName, byte[] content);

  /** The BPMN XML of one deployed version. */
  Optional<String> xml(long definitionKey);

  /** One deployed process version (not forms or decisions), with its active instance count. */
  Optional<DeployedModel> process(long definitionKey);

  /** The flow elements of one deployed process version, with what stops them from migrating. */
  List<ModelElement> elements(long definitionKey);

  /**
   * The running instances of one process version with their active elements, oldest (lowest key)
   * first, up to {@code limit} instances.
   */
  RunningInstances running(long definitionKey, int limit);

  /**
   * Moves one running instance to another version of its process, mapping each active element by
   * {@code mappings} (source element id to target element id). All or nothing per instance.
   *
   * @throws MigrationRefused when the engine refuses; the instance is left as it was
   */
  void migrate(long processInstanceKey, long targetDefinitionKey, Map<String, String> mappings);

  /**
   * @param activeInstances running instances of this version; -1 for resources without instances
   *     (forms, decisions)
   */
  record DeployedModel(
      long key, String id, String name, int version, String resourceName, long activeInstances) {}

  /**
   * A flow element of a process version.
   *
   * @param type the BPMN element type as in the XML ({@code userTask}, {@code serviceTask}, …)
   * @param scopeId the embedded subprocess the element lies directly in, or null at the top level
   * @param limitation why an instance waiting in this element cannot be migrated (inside a
   *     multi-instance or event subprocess, a multi-instance activity, a call activity, boundary
   *     events, an event-based gateway, a join), or null
   * @param attachedToId for a boundary event, the activity it is attached to; else null
   * @param formId for a user task, the form it shows (form id, else form key or external reference,
   *     as in the model); else null
   * @param candidateGroups for a user task, its candidate groups as in the model (a list or an
   *     expression); else null
   */
  record ModelElement(
      String id,
      String type,
      String name,
      String scopeId,
      String limitation,
      String attachedToId,
      String formId,
      String candidateGroups) {}

  /** A running instance and the ids of its active elements (the process itself not counted). */
  record RunningInstance(long key, List<String> activeElementIds) {
    public RunningInstance {
      activeElementIds = List.copyOf(activeElementIds);
    }
  }

  /**
   * @param complete false when there were more instances than asked for
   */
  record RunningInstances(List<RunningInstance> instances, boolean complete) {
    public RunningInstances {
      instances = List.copyOf(instances);
    }
  }

  /** The engine refused to migrate one instance; the message is the engine's reason. */
  final class MigrationRefused extends RuntimeException {
    public MigrationRefused(String reason) {
      super(reason);
    }
  }
}
