package io.cityflow.engine.runtime;

import java.util.List;
import java.util.Map;

/**
 * A token resting on one element of an active process instance. Element instances form a tree
 * through {@link #parentKey}: an embedded subprocess or a multi-instance body is the flow scope of
 * the elements inside it, and the variables of a scope are visible to everything below it.
 */
public final class ElementInstance {
  public long key;
  public String elementId;
  public String state;

  /** The enclosing flow scope (a subprocess or multi-instance body); null at the process level. */
  public Long parentKey;

  public Long jobKey;
  public Long userTaskKey;
  public Long subscriptionKey;
  public Long timerKey;
  public Long incidentKey;

  /** Timers and subscriptions of attached boundary events or of an event-based gateway. */
  public List<Long> eventKeys;

  /** Parallel and inclusive join arrivals inside this subprocess: "gatewayId flowId" to count. */
  public Map<String, Integer> joinArrivals;

  /** Call activity: the child process instance it waits for. */
  public Long calledInstanceKey;

  /**
   * Multi-instance body: the input items, the next one to start, and the inner instances' counts.
   */
  public List<Object> loopItems;

  public Integer loopNext;
  public Integer loopCompleted;

  /** Multi-instance inner instance: its 1-based position in the input collection. */
  public Integer loopCounter;

  /** A scope an interrupting event subprocess has taken over: that event subprocess's id. */
  public String interruptedBy;

  /** The step an incident interrupted: activating the element or completing it. */
  public String failedStep;

  public static final String ACTIVE = "ACTIVE";
  public static final String FAILED = "FAILED";

  public boolean isLoopBody() {
    return loopItems != null;
  }
}
