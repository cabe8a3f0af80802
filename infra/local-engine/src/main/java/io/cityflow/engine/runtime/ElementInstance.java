package io.cityflow.engine.runtime;

/** A token resting on one element of an active process instance. */
public final class ElementInstance {
  public long key;
  public String elementId;
  public String state;
  public Long jobKey;
  public Long userTaskKey;
  public Long subscriptionKey;
  public Long timerKey;
  public Long incidentKey;

  /** The step an incident interrupted: activating the element or completing it. */
  public String failedStep;

  public static final String ACTIVE = "ACTIVE";
  public static final String FAILED = "FAILED";
}
