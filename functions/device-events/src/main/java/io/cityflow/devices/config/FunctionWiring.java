package io.cityflow.devices.config;

import io.cityflow.devices.AlertPublisher;
import io.cityflow.devices.AlertRules;
import io.cityflow.devices.DeviceEventParser;
import io.cityflow.devices.DeviceEventProcessor;
import io.cityflow.devices.DeviceStore;
import io.cityflow.devices.HeartbeatMonitor;
import io.cityflow.devices.function.RejectedEventSink;
import io.cityflow.devices.function.SqsRejectedEventSink;
import io.cityflow.devices.persistence.SingleConnectionDataSource;
import io.cityflow.secrets.DatabaseLogin;
import java.time.Duration;
import java.util.Properties;
import org.crac.Core;
import org.crac.Resource;

/**
 * The core as the Lambda functions run it, wired in plain Java from the same settings and by the
 * same {@link DevicesWiring} as the Micronaut hosts, without an application context (ADR 0016): one
 * database connection, opened on a thread of its own while this thread loads the rules; the Camunda
 * client (and, for the SQS handler, the rejected-events SQS client) built on first need, or by
 * {@link #beforeCheckpoint}. Each {@link Entry} gets the parts it uses and no more: the SQS handler
 * the parser, the processor and the rejected-events sink; the heartbeat check the monitor.
 *
 * <p>Settings: {@code datasources.default.url}, {@code .username}, {@code .password}, {@code
 * .driver-class-name}; {@code cityflow.database.secret-arn} (then the user and password come from
 * that secret); {@code cityflow.devices.*} and {@code cityflow.camunda.*} as documented in {@code
 * docs/device-events.md}.
 */
public final class FunctionWiring implements Resource, AutoCloseable {
  static final String DATASOURCE_URL = "datasources.default.url";
  static final String DATABASE_SECRET_ARN = "cityflow.database.secret-arn";
  static final String CAMUNDA_SECRET_ARN = "cityflow.camunda.credentials-secret-arn";

  /** The Lambda entry point a wiring is for. */
  public enum Entry {
    /** {@code SqsDeviceEventFunction}: device events from SQS. */
    DEVICE_EVENTS,
    /** {@code HeartbeatFunction}: the scheduled offline check. */
    HEARTBEAT
  }

  private final SingleConnectionDataSource dataSource;
  private final LambdaSecrets secrets;
  private final AlertRules rules;
  private final DeviceStore store;
  private final LazyCamundaClient camunda;
  // DEVICE_EVENTS only
  private final DeviceEventParser parser;
  private final DeviceEventProcessor processor;
  private final SqsRejectedEventSink rejected;
  // HEARTBEAT only
  private final HeartbeatMonitor monitor;

  /**
   * The wiring of a Lambda function: system properties and environment variables, registered for
   * SnapStart's hooks (CRaC holds resources weakly; the handler holds the wiring).
   */
  public static FunctionWiring fromEnvironment(Entry entry) {
    FunctionWiring wiring = new FunctionWiring(entry, DeviceSettings.fromEnvironment(), null);
    Core.getGlobalContext().register(wiring);
    return wiring;
  }

  /**
   * @param publisher the hand-off to use instead of the Camunda client (tests), or {@code null}
   */
  public FunctionWiring(Entry entry, DeviceSettings settings, AlertPublisher publisher) {
    String url = settings.get(DATASOURCE_URL);
    if (url == null) {
      throw new IllegalStateException(
          DATASOURCE_URL + " (DATASOURCES_DEFAULT_URL) must name the device database");
    }
    boolean events = entry == Entry.DEVICE_EVENTS;
    secrets =
        settings.get(DATABASE_SECRET_ARN) == null && settings.get(CAMUNDA_SECRET_ARN) == null
            ? null
            : new LambdaSecrets(
                settings.duration("cityflow.secrets.min-reread-interval", Duration.ofSeconds(10)));
    DatabaseLogin login = login(settings, secrets);
    dataSource =
        new SingleConnectionDataSource(
            url, settings.get("datasources.default.driver-class-name"), login);
    dataSource.openInBackground();
    rules = DevicesWiring.alertRules(settings.get(DevicesWiring.RULES_FILE));
    if (events) {
      parser =
          DevicesWiring.parser(
              settings.duration(
                  DevicesWiring.MAX_CLOCK_SKEW,
                  Duration.parse(DevicesWiring.DEFAULT_MAX_CLOCK_SKEW)));
      // The event path's classes load now, while the connection opens, rather than after it.
      Priming.exercise(parser, rules, 1);
    } else {
      parser = null;
    }
    store =
        DevicesWiring.store(
            dataSource,
            settings.flag(DevicesWiring.MIGRATE, true),
            url.startsWith("jdbc:postgresql:"));
    if (publisher == null) {
      camunda = new LazyCamundaClient(settings, secrets == null ? null : secrets::values);
      publisher =
          DevicesWiring.camundaPublisher(
              camunda::client,
              settings.duration(
                  DevicesWiring.PUBLISH_TIMEOUT,
                  Duration.parse(DevicesWiring.DEFAULT_PUBLISH_TIMEOUT)));
    } else {
      camunda = null;
    }
    if (events) {
      processor = DevicesWiring.processor(parser, rules, store, publisher);
      rejected =
          new SqsRejectedEventSink(
              settings.get(DevicesWiring.REJECTED_QUEUE_URL),
              settings.get(DevicesWiring.SQS_ENDPOINT),
              settings.get(DevicesWiring.SQS_REGION));
      monitor = null;
    } else {
      processor = null;
      rejected = null;
      monitor =
          DevicesWiring.heartbeatMonitor(
              rules,
              store,
              publisher,
              settings.duration(
                  DevicesWiring.DEDUP_RETENTION,
                  Duration.parse(DevicesWiring.DEFAULT_DEDUP_RETENTION)),
              settings.number(
                  DevicesWiring.HEARTBEAT_BATCH_LIMIT,
                  Integer.parseInt(DevicesWiring.DEFAULT_HEARTBEAT_BATCH_LIMIT)));
    }
  }

  /**
   * The database user and password: on AWS from the secret (read when first needed, read again when
   * the database refuses them, ADR 0012), elsewhere as configured.
   */
  private static DatabaseLogin login(DeviceSettings settings, LambdaSecrets secrets) {
    String secretArn = settings.get(DATABASE_SECRET_ARN);
    if (secretArn != null) {
      return DatabaseLogin.ofSecret(secrets.values(), secretArn);
    }
    Properties credentials = new Properties();
    String user = settings.get("datasources.default.username");
    String password = settings.get("datasources.default.password");
    if (user != null) {
      credentials.setProperty("user", user);
    }
    if (password != null) {
      credentials.setProperty("password", password);
    }
    return new FixedLogin(credentials);
  }

  /**
   * Configured credentials (a class rather than a lambda, for the reason {@link DeviceSettings}
   * gives).
   */
  private static final class FixedLogin implements DatabaseLogin {
    private final Properties credentials;

    FixedLogin(Properties credentials) {
      this.credentials = credentials;
    }

    @Override
    public Properties credentials(boolean reread) {
      return credentials;
    }
  }

  /** The SQS handler's processor ({@link Entry#DEVICE_EVENTS}). */
  public DeviceEventProcessor processor() {
    return require(processor, Entry.DEVICE_EVENTS);
  }

  /** The SQS handler's rejected-events sink ({@link Entry#DEVICE_EVENTS}). */
  public RejectedEventSink rejected() {
    return require(rejected, Entry.DEVICE_EVENTS);
  }

  /** The offline check ({@link Entry#HEARTBEAT}). */
  public HeartbeatMonitor heartbeatMonitor() {
    return require(monitor, Entry.HEARTBEAT);
  }

  public DeviceStore store() {
    return store;
  }

  private static <T> T require(T part, Entry entry) {
    if (part == null) {
      throw new IllegalStateException("only the " + entry + " wiring has this part");
    }
    return part;
  }

  /**
   * SnapStart priming, before the snapshot: for the SQS handler, runs the parser, the rules and the
   * evaluator on constant events ({@link Priming}, pure, nothing written); reads once through the
   * store's connection (so that the driver's statement code has run); builds the Camunda client and
   * the rejected-events SQS client; and closes the database connection, whose socket would be dead
   * after a restore. Writes nothing and sends nothing.
   */
  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    if (parser != null) {
      Priming.exercise(parser, rules, Priming.SNAPSHOT_ROUNDS);
    }
    store.keyHash(Priming.DEVICE_ID);
    if (camunda != null) {
      camunda.client();
    }
    if (rejected != null) {
      rejected.prime();
    }
    dataSource.evict();
  }

  /** After a restore: opens the database connection again while the first event is parsed. */
  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    dataSource.openInBackground();
  }

  /** Whether a database connection is open or opening. */
  public boolean holdsConnection() {
    return dataSource.holdsConnection();
  }

  @Override
  public void close() {
    if (camunda != null) {
      camunda.close();
    }
    if (rejected != null) {
      rejected.close();
    }
    dataSource.close();
    if (secrets != null) {
      secrets.close();
    }
  }
}
