package io.cityflow.engine.runtime;

/** A problem that stops a token until someone resolves it. */
public final class Incident extends Entity {
  public String state;
  public String errorType;
  public String errorMessage;
  public long processInstanceKey;
  public long elementInstanceKey;
  public String elementId;
  public Long jobKey;
  public long processDefinitionKey;
  public String bpmnProcessId;
  public long creationTime;

  public static final String ACTIVE = "ACTIVE";
  public static final String RESOLVED = "RESOLVED";
}
