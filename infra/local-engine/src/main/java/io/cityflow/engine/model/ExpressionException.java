package io.cityflow.engine.model;

/** An expression failed at run time; the engine turns it into an incident, not a crash. */
public final class ExpressionException extends RuntimeException {

  public ExpressionException(String message) {
    super(message);
  }
}
