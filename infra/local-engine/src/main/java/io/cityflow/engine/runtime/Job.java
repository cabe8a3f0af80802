package io.cityflow.engine.runtime;

import java.util.Map;

/** A unit of work for an external worker, created by a service task. */
public final class Job extends Entity {
  public String type;
  public String state;
  public long processInstanceKey;
  public long elementInstanceKey;
  public String elementId;
  public long processDefinitionKey;
  public String bpmnProcessId;
  public int version;
  public int retries;
  public String worker;
  public long deadline;
  public long retryAt;
  public String errorMessage;
  public Map<String, String> customHeaders;

  /** Waiting to be activated. */
  public static final String ACTIVATABLE = "ACTIVATABLE";

  /** Handed to a worker until its deadline. */
  public static final String ACTIVATED = "ACTIVATED";

  /** Failed with retries left, waiting for its back-off to end. */
  public static final String BACKING_OFF = "BACKING_OFF";

  /** Held by an incident (no retries, or an error nothing caught). */
  public static final String FAILED = "FAILED";
}
