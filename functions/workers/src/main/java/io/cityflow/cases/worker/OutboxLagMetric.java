package io.cityflow.cases.worker;

import io.cityflow.cases.Outbox;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox lag (age of the oldest command not yet accepted by the engine) once a
 * minute, also when it is zero, as a CloudWatch embedded-metric-format log line. The deployment's
 * alarm treats a missing data point as a breach, so a stopped dispatcher is noticed too. The
 * namespace, metric and dimension names are the ones infra/aws alarms on.
 */
@Singleton
@Requires(property = "cityflow.outbox.lag-metric.enabled", value = "true")
class OutboxLagMetric {
  private static final Logger METRICS = LoggerFactory.getLogger("cityflow.metrics");

  private final Outbox outbox;
  private final Clock clock;
  private final String environment;

  OutboxLagMetric(
      Outbox outbox, Clock clock, @Value("${cityflow.environment:local}") String environment) {
    this.outbox = outbox;
    this.clock = clock;
    this.environment = environment;
  }

  @Scheduled(fixedRate = "1m", initialDelay = "10s")
  void publish() {
    METRICS.info(line());
  }

  /** The log line: one EMF document with the lag in whole seconds. */
  String line() {
    Instant now = clock.instant();
    long lagSeconds =
        outbox
            .oldestPendingSince()
            .map(since -> Math.max(0, Duration.between(since, now).toSeconds()))
            .orElse(0L);
    return "{\"_aws\":{\"Timestamp\":"
        + now.toEpochMilli()
        + ",\"CloudWatchMetrics\":[{\"Namespace\":\"CityFlow\",\"Dimensions\":[[\"Environment\"]],"
        + "\"Metrics\":[{\"Name\":\"OutboxLagSeconds\",\"Unit\":\"Seconds\"}]}]},"
        + "\"Environment\":\""
        + environment.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\",\"OutboxLagSeconds\":"
        + lagSeconds
        + "}";
  }
}
