package io.cityflow.engine.model;

import java.util.List;
import java.util.Map;

/**
 * A compiled process: its nodes by id (nested ones included), its start events and the event
 * subprocesses at its top level. Immutable after compilation and shared by every instance of the
 * definition.
 */
public record ExecutableProcess(
    String bpmnProcessId,
    String name,
    Map<String, Node> nodes,
    Node noneStart,
    List<Node> messageStarts,
    List<Node> signalStarts,
    List<Node> timerStarts,
    List<Node> eventSubprocesses,
    String startFormId) {

  public Node node(String elementId) {
    Node node = nodes.get(elementId);
    if (node == null) {
      throw new IllegalStateException("No element " + elementId + " in process " + bpmnProcessId);
    }
    return node;
  }
}
