package io.cityflow.engine.model;

import java.util.Map;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * An attribute value from the model: FEEL when it starts with {@code =}, otherwise a static string.
 * FEEL is parsed when the process is compiled, never per evaluation.
 */
public final class Expression {

  private final String text;
  private final ParsedExpression parsed;
  private final Feel feel;

  private Expression(String text, ParsedExpression parsed, Feel feel) {
    this.text = text;
    this.parsed = parsed;
    this.feel = feel;
  }

  /** Returns null for a missing or blank attribute, so callers can tell "not set" apart. */
  public static Expression of(String raw, Feel feel, String where) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String trimmed = raw.trim();
    if (trimmed.startsWith("=")) {
      String body = trimmed.substring(1);
      return new Expression(body, feel.parse(body, where), feel);
    }
    return new Expression(trimmed, null, feel);
  }

  /** A FEEL expression even without a leading {@code =}, as used by mapping sources. */
  public static Expression feel(String raw, Feel feel, String where) {
    String body = raw.trim().startsWith("=") ? raw.trim().substring(1) : raw.trim();
    return new Expression(body, feel.parse(body, where), feel);
  }

  public boolean isStatic() {
    return parsed == null;
  }

  public String text() {
    return text;
  }

  /** The static text, or the FEEL result for the given variables. */
  public Object evaluate(Map<String, Object> variables) {
    return parsed == null ? text : feel.evaluate(parsed, text, variables);
  }
}
