package io.cityflow.engine.runtime;

/** A deployed decision, versioned per decision id, and the resource it belongs to. */
public final class Decision extends Entity {
  public String decisionId;
  public String name;
  public int version;
  public String decisionType;
  public String decisionRequirementsId;
  public long decisionRequirementsKey;
  public String decisionRequirementsName;
  public int decisionRequirementsVersion;
  public long deploymentKey;
}
