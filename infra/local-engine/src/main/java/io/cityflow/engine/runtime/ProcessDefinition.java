package io.cityflow.engine.runtime;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.cityflow.engine.model.ExecutableProcess;

/** A deployed process version with its compiled graph. */
public final class ProcessDefinition extends Entity {
  public String bpmnProcessId;
  public String name;
  public int version;
  public String resourceName;
  public String checksum;
  public long deploymentKey;
  public String startFormId;

  @JsonIgnore public String xml;
  @JsonIgnore public ExecutableProcess graph;
}
