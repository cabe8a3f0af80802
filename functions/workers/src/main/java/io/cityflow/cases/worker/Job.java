package io.cityflow.cases.worker;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One activated job as a worker sees it: its keys and its variables, read as typed values. A
 * missing required variable is a modelling error, so it fails the job (and, after the retries, an
 * incident shows which variable the model forgot).
 *
 * @param bpmnProcessId the id of the process the job belongs to, e.g. {@code request-information}
 *     for a job of a called process
 */
public record Job(
    long key, long processInstanceKey, String bpmnProcessId, Map<String, Object> variables) {

  /** The key under which a worker makes its effect happen once, however often the job runs. */
  public String idempotencyKey() {
    return "job:" + key;
  }

  public String string(String name) {
    String value = optionalString(name);
    if (value == null) {
      throw new IllegalArgumentException("job variable " + name + " is missing");
    }
    return value;
  }

  public String optionalString(String name) {
    Object value = variables.get(name);
    return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
  }

  public UUID uuid(String name) {
    return UUID.fromString(string(name));
  }

  public Instant optionalInstant(String name) {
    String value = optionalString(name);
    return value == null ? null : Instant.parse(value);
  }

  public int integer(String name) {
    Object value = variables.get(name);
    if (value instanceof Number n) {
      return n.intValue();
    }
    return Integer.parseInt(string(name));
  }

  /** A nested object variable such as {@code maintenance}. */
  public Map<String, Object> object(String name) {
    if (variables.get(name) instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) m;
      return typed;
    }
    throw new IllegalArgumentException("job variable " + name + " is missing or not an object");
  }

  /** A list value (of a variable or of a field of an object) as strings; empty when missing. */
  public static List<String> stringsOf(Object value) {
    if (value instanceof Collection<?> c) {
      return c.stream().map(String::valueOf).toList();
    }
    return List.of();
  }
}
