package io.cityflow.infra.aws.config;

import software.amazon.awscdk.Duration;

/**
 * Converts the config's {@link java.time.Duration}s to CDK durations in their largest exact unit.
 */
public final class Durations {

  private Durations() {}

  public static Duration cdk(java.time.Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds % 86_400 == 0) {
      return Duration.days(seconds / 86_400);
    }
    if (seconds % 60 == 0) {
      return Duration.minutes(seconds / 60);
    }
    return Duration.seconds(seconds);
  }
}
