package io.cityflow.engine.runtime;

/**
 * What a deployment produced for one process, form, decision or DMN resource: the new or the
 * unchanged version. Exactly one member is set.
 */
public record DeployedResource(
    ProcessDefinition process,
    Form form,
    Decision decision,
    DecisionRequirements decisionRequirements) {

  public DeployedResource(ProcessDefinition process, Form form) {
    this(process, form, null, null);
  }
}
