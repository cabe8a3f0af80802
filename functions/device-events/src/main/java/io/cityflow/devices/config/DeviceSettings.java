package io.cityflow.devices.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Settings by their Micronaut property names ({@code cityflow.devices.max-clock-skew}), for the
 * parts that start without a Micronaut context (the Lambda SQS handler, ADR 0016). {@link
 * #fromEnvironment()} reads them the way Micronaut does: a system property of that name, else the
 * environment variable Micronaut maps to it ({@code CITYFLOW_DEVICES_MAX_CLOCK_SKEW}), so that the
 * deployment sets one set of variables for both kinds of entry point. (No lambdas here: the first
 * one a JVM creates costs a cold start milliseconds, before the database connection has started.)
 */
public final class DeviceSettings {

  /** Fixed values, or {@code null} to read system properties and environment variables. */
  private final Map<String, ?> values;

  private DeviceSettings(Map<String, ?> values) {
    this.values = values;
  }

  /** System properties first, then environment variables. */
  public static DeviceSettings fromEnvironment() {
    return new DeviceSettings(null);
  }

  /** Fixed values, for tests and embedding. */
  public static DeviceSettings of(Map<String, ?> values) {
    return new DeviceSettings(Map.copyOf(values));
  }

  /**
   * {@code cityflow.devices.sqs.rejected-queue-url} → {@code
   * CITYFLOW_DEVICES_SQS_REJECTED_QUEUE_URL}.
   */
  static String environmentName(String key) {
    return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** The value, or {@code null} when it is not set or blank. */
  public String get(String key) {
    String value;
    if (values == null) {
      value = System.getProperty(key);
      if (value == null) {
        value = System.getenv(environmentName(key));
      }
    } else {
      Object fixed = values.get(key);
      value = fixed == null ? null : fixed.toString();
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  public String get(String key, String defaultValue) {
    String value = get(key);
    return value == null ? defaultValue : value;
  }

  public boolean flag(String key, boolean defaultValue) {
    String value = get(key);
    return value == null ? defaultValue : Boolean.parseBoolean(value);
  }

  public int number(String key, int defaultValue) {
    String value = get(key);
    return value == null ? defaultValue : Integer.parseInt(value);
  }

  /**
   * A duration as Micronaut accepts it: ISO-8601 ({@code PT5M}) or a number with a unit ({@code
   * 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 7d}).
   */
  public Duration duration(String key, Duration defaultValue) {
    String value = get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return parseDuration(value);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(key + " is not a duration: " + value, e);
    }
  }

  static Duration parseDuration(String value) {
    String text = value.toLowerCase(Locale.ROOT);
    if (text.startsWith("p")) {
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    }
    int unit = 0;
    while (unit < text.length() && Character.isDigit(text.charAt(unit))) {
      unit++;
    }
    long amount = Long.parseLong(text.substring(0, unit));
    return switch (text.substring(unit)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s", "" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> throw new NumberFormatException("unknown unit in " + value);
    };
  }
}
