package io.cityflow.engine.runtime;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.cityflow.engine.model.Decisions;

/** A deployed DMN resource (a decision requirements graph), versioned per its definitions id. */
public final class DecisionRequirements extends Entity {
  public String decisionRequirementsId;
  public String name;
  public int version;
  public String resourceName;
  public String checksum;
  public long deploymentKey;

  @JsonIgnore public String xml;

  /** Parsed on first evaluation after a restart. */
  @JsonIgnore public Decisions.Parsed parsed;
}
