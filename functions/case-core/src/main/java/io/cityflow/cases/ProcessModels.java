package io.cityflow.cases;

import java.util.List;
import java.util.Optional;

/** Port: the models deployed to the workflow engine, for process owners. */
public interface ProcessModels {

  /** Every deployed process version, newest first, with its active instance count. */
  List<DeployedModel> models();

  /** Deploys one BPMN, DMN or form resource (already validated) and returns what was deployed. */
  List<DeployedModel> deploy(String resourceName, byte[] content);

  /** The BPMN XML of one deployed version. */
  Optional<String> xml(long definitionKey);

  /**
   * @param activeInstances running instances of this version; -1 for resources without instances
   *     (forms, decisions)
   */
  record DeployedModel(
      long key, String id, String name, int version, String resourceName, long activeInstances) {}
}
