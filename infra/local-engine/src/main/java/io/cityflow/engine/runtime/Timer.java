package io.cityflow.engine.runtime;

/** An intermediate timer catch event waiting for its due date. */
public final class Timer extends Entity {
  public long processInstanceKey;
  public long elementInstanceKey;
  public String elementId;
  public long dueDate;
}
