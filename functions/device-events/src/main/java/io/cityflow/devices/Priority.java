package io.cityflow.devices;

import java.util.Locale;

/**
 * How urgent an alert is. {@link #EMERGENCY} alerts (smoke, fire) are handed off before any other
 * event of the same batch and start the emergency path of the maintenance process.
 */
public enum Priority {
  NORMAL,
  HIGH,
  EMERGENCY;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Priority fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
