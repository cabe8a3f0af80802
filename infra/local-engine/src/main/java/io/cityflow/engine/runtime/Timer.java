package io.cityflow.engine.runtime;

/**
 * A timer waiting for its due date. {@link #elementId} is the event it triggers; {@link
 * #elementInstanceKey} is the token that owns it: the catch event itself, the activity a boundary
 * event is attached to, or an event-based gateway.
 */
public final class Timer extends Entity {
  public long processInstanceKey;
  public long elementInstanceKey;
  public String elementId;
  public long dueDate;

  /** A cycle timer: the evaluated cycle and how many more times it fires after this (-1: ever). */
  public String cycle;

  public Integer repetitionsLeft;

  /**
   * A timer start event: the process definition it starts instances of. Such a timer belongs to no
   * instance, and {@link #processInstanceKey} and {@link #elementInstanceKey} are 0.
   */
  public Long processDefinitionKey;
}
