package io.cityflow.devices;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The severity a device reports with an alarm. {@link #CLEARED} means the device says the condition
 * is over, and turns the alarm event into a recovery.
 */
public enum Severity {
  CRITICAL,
  MAJOR,
  MINOR,
  WARNING,
  CLEARED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Severity> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
  }
}
