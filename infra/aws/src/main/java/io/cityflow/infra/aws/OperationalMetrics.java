package io.cityflow.infra.aws;

/**
 * Custom metrics the platform publishes and the operations stack alarms on. The outbox dispatcher
 * emits {@link #OUTBOX_LAG_SECONDS} once a minute, also when it is zero, through CloudWatch's
 * embedded metric format in its log output (no IAM permission needed); a missing data point is
 * treated as a breach because it means the dispatcher is not running.
 */
public final class OperationalMetrics {

  public static final String NAMESPACE = "CityFlow";

  /** Age in seconds of the oldest outbox row not yet accepted by the engine; 0 when none waits. */
  public static final String OUTBOX_LAG_SECONDS = "OutboxLagSeconds";

  /** The dimension that separates environments; its value is the environment name. */
  public static final String ENVIRONMENT_DIMENSION = "Environment";

  private OperationalMetrics() {}
}
