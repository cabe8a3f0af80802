package io.cityflow.devices.config;

import io.camunda.client.CamundaClient;
import io.cityflow.devices.AlertPublisher;
import io.cityflow.devices.AlertRules;
import io.cityflow.devices.DeviceEventParser;
import io.cityflow.devices.DeviceEventProcessor;
import io.cityflow.devices.DeviceStore;
import io.cityflow.devices.HeartbeatMonitor;
import io.cityflow.devices.camunda.CamundaAlertPublisher;
import io.cityflow.devices.persistence.DeviceSchema;
import io.cityflow.devices.persistence.JdbcDeviceStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the core is put together, once, for both kinds of entry point: the Micronaut hosts ({@link
 * DevicesFactory}: HTTP ingest, MQTT, heartbeat scheduler) and the Lambda functions (SQS handler,
 * heartbeat check), which start without a framework ({@link FunctionWiring}, ADR 0016). The setting
 * names and defaults live here.
 */
public final class DevicesWiring {

  public static final String RULES_FILE = "cityflow.devices.rules-file";
  public static final String MAX_CLOCK_SKEW = "cityflow.devices.max-clock-skew";
  public static final String DEFAULT_MAX_CLOCK_SKEW = "PT5M";
  public static final String MIGRATE = "cityflow.devices.migrate.enabled";
  public static final String PUBLISH_TIMEOUT = "cityflow.devices.camunda.publish-timeout";
  public static final String DEFAULT_PUBLISH_TIMEOUT = "PT10S";
  public static final String REJECTED_QUEUE_URL = "cityflow.devices.sqs.rejected-queue-url";
  public static final String SQS_ENDPOINT = "cityflow.devices.sqs.endpoint";
  public static final String SQS_REGION = "cityflow.devices.sqs.region";
  public static final String DEDUP_RETENTION = "cityflow.devices.dedup-retention";
  public static final String DEFAULT_DEDUP_RETENTION = "P7D";
  public static final String HEARTBEAT_BATCH_LIMIT = "cityflow.devices.heartbeat.batch-limit";
  public static final String DEFAULT_HEARTBEAT_BATCH_LIMIT = "1000";

  private static final String DEFAULT_RULES = "devices/alert-rules.json";

  private DevicesWiring() {}

  /** The rules from {@code file}, or the shipped ones when it is {@code null}. */
  public static AlertRules alertRules(String file) {
    try (InputStream in =
        file == null
            ? DevicesWiring.class.getClassLoader().getResourceAsStream(DEFAULT_RULES)
            : Files.newInputStream(Path.of(file))) {
      if (in == null) {
        throw new IllegalStateException("the alert rules " + DEFAULT_RULES + " are missing");
      }
      return AlertRules.fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the alert rules", e);
    }
  }

  public static DeviceEventParser parser(Duration maxClockSkew) {
    return new DeviceEventParser(Clock.systemUTC(), maxClockSkew);
  }

  /**
   * The store on {@code dataSource}, after the device migrations when {@code migrate}. {@code
   * postgres} says which SQL to use; {@code null} asks the database (one connection, at once).
   */
  public static DeviceStore store(DataSource dataSource, boolean migrate, Boolean postgres) {
    if (migrate) {
      int applied = DeviceSchema.migrate(dataSource);
      if (applied > 0) {
        log().info("Applied {} device schema migrations", applied);
      }
    }
    return postgres == null
        ? new JdbcDeviceStore(dataSource)
        : new JdbcDeviceStore(dataSource, postgres);
  }

  public static DeviceEventProcessor processor(
      DeviceEventParser parser, AlertRules rules, DeviceStore store, AlertPublisher publisher) {
    return new DeviceEventProcessor(parser, rules, store, publisher, Clock.systemUTC());
  }

  /**
   * The offline check: marks at most {@code batchLimit} devices per type and sweep, and forgets
   * event ids received longer than {@code dedupRetention} ago.
   */
  public static HeartbeatMonitor heartbeatMonitor(
      AlertRules rules,
      DeviceStore store,
      AlertPublisher publisher,
      Duration dedupRetention,
      int batchLimit) {
    return new HeartbeatMonitor(
        rules, store, publisher, Clock.systemUTC(), dedupRetention, batchLimit);
  }

  /**
   * Publishes through the process's one {@link CamundaClient}, asked for on the first signal:
   * building it loads a large class graph that a batch without alerts never needs, least of all
   * during a Lambda cold start.
   */
  public static AlertPublisher camundaPublisher(Supplier<CamundaClient> client, Duration timeout) {
    return new CamundaAlertPublisher(client, timeout);
  }

  /** {@code source}, asked once, on first use. */
  public static <T> Supplier<T> memoized(Supplier<T> source) {
    return new Memoized<>(source);
  }

  private static final class Memoized<T> implements Supplier<T> {
    private final Supplier<T> source;
    private volatile T value;

    Memoized(Supplier<T> source) {
      this.source = source;
    }

    @Override
    public T get() {
      T result = value;
      if (result == null) {
        synchronized (this) {
          if (value == null) {
            value = source.get();
          }
          result = value;
        }
      }
      return result;
    }
  }

  /**
   * The logger, looked up when something is logged: SLF4J finds its provider by scanning the class
   * path, which a Lambda cold start should not pay for before its first event.
   */
  private static Logger log() {
    return LoggerFactory.getLogger(DevicesWiring.class);
  }
}
