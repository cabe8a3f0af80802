package io.cityflow.engine.runtime;

/**
 * An open message (or, with {@link #signal}, signal) catch event waiting for its name and
 * correlation key. As for timers, {@link #elementId} is the event it triggers and {@link
 * #elementInstanceKey} the token that owns it.
 */
public final class MessageSubscription extends Entity {
  public String messageName;
  public String correlationKey;
  public long processInstanceKey;
  public long elementInstanceKey;
  public String elementId;
  public String bpmnProcessId;

  /**
   * A signal subscription: it has no correlation key and every broadcast of its name reaches it.
   */
  public boolean signal;
}
