package io.cityflow.engine.model;

/**
 * A rejected command or query. The kind decides the HTTP status the REST layer answers with, and
 * the message is the problem detail the caller reads, so it names the offending key or element.
 */
public final class EngineException extends RuntimeException {

  /** Why the engine refused. */
  public enum Kind {
    INVALID_ARGUMENT,
    NOT_FOUND,
    INVALID_STATE,
    ALREADY_EXISTS,
    TIMEOUT,
    UNAVAILABLE
  }

  private final Kind kind;

  public EngineException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static EngineException invalid(String message) {
    return new EngineException(Kind.INVALID_ARGUMENT, message);
  }

  public static EngineException notFound(String message) {
    return new EngineException(Kind.NOT_FOUND, message);
  }

  public static EngineException invalidState(String message) {
    return new EngineException(Kind.INVALID_STATE, message);
  }
}
