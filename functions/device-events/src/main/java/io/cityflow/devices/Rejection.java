package io.cityflow.devices;

/**
 * Why an event was refused. {@code code} is stable and machine-readable ({@code malformed-json},
 * {@code invalid-field}, {@code unknown-field}, {@code unknown-device}, ...); {@code field} names
 * the offending JSON pointer when there is one.
 */
public record Rejection(String code, String field, String detail) {

  public static Rejection of(String code, String field, String detail) {
    return new Rejection(code, field, detail);
  }

  public String describe() {
    return field == null ? code + ": " + detail : code + " at " + field + ": " + detail;
  }
}
