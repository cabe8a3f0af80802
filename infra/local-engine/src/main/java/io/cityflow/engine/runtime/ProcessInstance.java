package io.cityflow.engine.runtime;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * A process instance with its tokens and the arrivals waiting at parallel joins. The whole object
 * is stored as one JSON document, so an instance is one row however many tokens it holds.
 */
public final class ProcessInstance extends Entity {
  public long processDefinitionKey;
  public String bpmnProcessId;
  public String processDefinitionName;
  public int version;
  public String state;
  public long startDate;
  public Long endDate;
  public boolean hasIncident;

  /** Set when a message start event with a correlation key started this instance. */
  public String startCorrelationKey;

  /** Set when a call activity started this instance: the calling instance and element. */
  public Long parentProcessInstanceKey;

  public Long parentElementInstanceKey;

  public Long rootProcessInstanceKey;

  /** Every sequence flow this instance has taken, in the order first taken. */
  public LinkedHashSet<String> takenFlows = new LinkedHashSet<>();

  public Map<Long, ElementInstance> elements = new LinkedHashMap<>();

  /**
   * The process's own scope as the owner of the timers and subscriptions of its top-level event
   * subprocesses; its key is the instance's key. Null while the process has none.
   */
  public ElementInstance scope;

  /** Parallel join arrivals: "gatewayId flowId" to count. */
  public Map<String, Integer> joinArrivals = new LinkedHashMap<>();

  public static final String ACTIVE = "ACTIVE";
  public static final String COMPLETED = "COMPLETED";
  public static final String TERMINATED = "TERMINATED";
}
