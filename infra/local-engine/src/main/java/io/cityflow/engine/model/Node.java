package io.cityflow.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  /** Timer catch event: exactly one of these. */
  public Expression timeDuration;

  public Expression timeDate;

  /** Script task. */
  public Expression script;

  public String resultVariable;

  Node(String id, String name, ElementKind kind) {
    this.id = id;
    this.name = name;
    this.kind = kind;
  }

  public boolean hasOutputs() {
    return !outputs.isEmpty();
  }
}
