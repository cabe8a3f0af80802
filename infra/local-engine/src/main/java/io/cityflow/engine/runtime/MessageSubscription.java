package io.cityflow.engine.runtime;

/** An open intermediate message catch event, waiting for its message name and correlation key. */
public final class MessageSubscription extends Entity {
  public String messageName;
  public String correlationKey;
  public long processInstanceKey;
  public long elementInstanceKey;
  public String elementId;
  public String bpmnProcessId;
}
