package io.cityflow.secrets;

import java.util.Map;

/**
 * The top-level fields of one JSON secret from Secrets Manager, as strings. {@link #toString()}
 * names the fields but never shows a value, so a secret cannot leak into a log line.
 *
 * @param arn the secret's ARN
 * @param fields field name to value
 */
public record SecretFields(String arn, Map<String, String> fields) {

  public SecretFields {
    fields = Map.copyOf(fields);
  }

  /** The value of a field the secret must have. */
  public String require(String name) {
    String value = fields.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("the secret " + arn + " has no field '" + name + "'");
    }
    return value;
  }

  @Override
  public String toString() {
    return "SecretFields[arn=" + arn + ", fields=" + fields.keySet() + "]";
  }
}
