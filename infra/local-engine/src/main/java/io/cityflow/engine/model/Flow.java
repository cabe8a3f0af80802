package io.cityflow.engine.model;

/** A sequence flow; the condition is null for an unconditional flow. */
public final class Flow {

  private final String id;
  private final Expression condition;
  private Node target;

  Flow(String id, Expression condition) {
    this.id = id;
    this.condition = condition;
  }

  public String id() {
    return id;
  }

  public Expression condition() {
    return condition;
  }

  public Node target() {
    return target;
  }

  void target(Node node) {
    this.target = node;
  }
}
