package io.cityflow.engine.runtime;

/**
 * The searchable record of one element instance, kept after the element has ended: what the
 * element-instance search answers. The process instance itself has one of type {@code PROCESS}.
 */
public final class ElementInstanceRecord extends Entity {
  public long processInstanceKey;
  public long processDefinitionKey;
  public String bpmnProcessId;
  public String elementId;
  public String elementName;

  /** Camunda's element type: {@code PROCESS}, {@code SERVICE_TASK}, {@code END_EVENT}, … */
  public String type;

  public String state;
  public long startDate;
  public Long endDate;
  public Long incidentKey;

  /** The enclosing element instance, or the process instance at the top level. */
  public Long flowScopeKey;

  public static final String ACTIVE = "ACTIVE";
  public static final String COMPLETED = "COMPLETED";
  public static final String TERMINATED = "TERMINATED";
}
