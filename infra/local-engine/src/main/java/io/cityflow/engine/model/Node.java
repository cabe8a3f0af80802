package io.cityflow.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One element of an executable graph with everything its behaviour needs, already parsed. Fields
 * that do not apply to the element's kind are null.
 */
public final class Node {

  public final String id;
  public final String name;
  public final ElementKind kind;
  public final List<Flow> outgoing = new ArrayList<>();
  public final List<String> incomingFlowIds = new ArrayList<>();
  public Flow defaultFlow;
  public List<Mapping> inputs = List.of();
  public List<Mapping> outputs = List.of();

  /** The boundary events attached to this activity. */
  public final List<Node> boundaries = new ArrayList<>();

  /** Multi-instance activities: the loop; null for a single instance. */
  public MultiInstance multiInstance;

  /** Embedded subprocess: its none start event; event subprocess: its event start event. */
  public Node startEvent;

  /** Embedded subprocess: the event subprocesses directly inside it. */
  public List<Node> eventSubprocesses = List.of();

  /** The id of the subprocess or event subprocess this element is directly inside; null at top. */
  public String flowScope;

  /** The start event of an event subprocess: that event subprocess. */
  public Node eventSubprocess;

  /** Service task. */
  public Expression jobType;

  public Expression jobRetries;
  public Map<String, String> headers = Map.of();

  /** User task. */
  public Expression assignee;

  public Expression candidateGroups;
  public Expression candidateUsers;
  public Expression dueDate;
  public Expression followUpDate;
  public Expression priority;
  public String formId;
  public String externalFormReference;

  /** Message events: the name is static for start events, evaluated on activation otherwise. */
  public Expression messageName;

  public Expression correlationKey;

  /** Signal events: the signal name. */
  public Expression signalName;

  /** Timer events: exactly one of these. */
  public Expression timeDuration;

  public Expression timeDate;
  public Expression timeCycle;

  /** Script task and business rule task. */
  public Expression script;

  public String resultVariable;

  /** Business rule task: the called decision id. */
  public Expression decisionId;

  /** Call activity. */
  public Expression calledProcessId;

  public boolean propagateAllChildVariables = true;
  public boolean propagateAllParentVariables = true;

  /** Boundary events: which event, and whether it interrupts the activity it is attached to. */
  public String eventType;

  public boolean interrupting = true;

  /** Error events: the error code; null on a boundary event catches every error. */
  public String errorCode;

  /** Error catch events: variables that receive the caught error's code and message. */
  public String errorCodeVariable;

  public String errorMessageVariable;

  /** Inclusive gateway joins: the ids of the elements from which a token can still reach it. */
  public Set<String> upstream = Set.of();

  Node(String id, String name, ElementKind kind) {
    this.id = id;
    this.name = name;
    this.kind = kind;
  }

  /** A boundary or event-subprocess start event that leaves the rest of its scope running. */
  public boolean isNonInterruptingEvent() {
    return !interrupting
        && (kind == ElementKind.BOUNDARY_EVENT || kind == ElementKind.EVENT_SUB_START_EVENT);
  }

  public boolean hasOutputs() {
    return !outputs.isEmpty();
  }
}
