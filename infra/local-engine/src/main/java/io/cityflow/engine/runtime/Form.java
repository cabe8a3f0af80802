package io.cityflow.engine.runtime;

/** A deployed Camunda form; its id is the {@code id} of the form JSON. */
public final class Form extends Entity {
  public String formId;
  public int version;
  public String resourceName;
  public String checksum;
  public long deploymentKey;
  public String schema;
}
