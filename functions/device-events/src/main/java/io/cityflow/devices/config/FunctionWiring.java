package io.cityflow.devices.config;

import io.cityflow.devices.AlertPublisher;
import io.cityflow.devices.AlertRules;
import io.cityflow.devices.DeviceEventParser;
import io.cityflow.devices.DeviceEventProcessor;
import io.cityflow.devices.DeviceStore;
import io.cityflow.devices.function.RejectedEventSink;
import io.cityflow.devices.function.SqsRejectedEventSink;
import io.cityflow.devices.persistence.SingleConnectionDataSource;
import io.cityflow.secrets.DatabaseLogin;
import java.time.Duration;
import java.util.Properties;

/**
 * The core as the Lambda SQS handler runs it, wired in plain Java from the same settings and by the
 * same {@link DevicesWiring} as the Micronaut hosts, without an application context (ADR 0016): one
 * database connection, opened on a thread of its own while this thread loads the rules; the Camunda
 * client and the rejected-events SQS client built on first need, or by {@link #prime()}.
 *
 * <p>Settings: {@code datasources.default.url}, {@code .username}, {@code .password}, {@code
 * .driver-class-name}; {@code cityflow.database.secret-arn} (then the user and password come from
 * that secret); {@code cityflow.devices.*} and {@code cityflow.camunda.*} as documented in {@code
 * docs/device-events.md}.
 */
public final class FunctionWiring implements AutoCloseable {
  static final String DATASOURCE_URL = "datasources.default.url";
  static final String DATABASE_SECRET_ARN = "cityflow.database.secret-arn";

  private final SingleConnectionDataSource dataSource;
  private final DatabaseLogin login;
  private final AlertRules rules;
  private final DeviceEventParser parser;
  private final DeviceStore store;
  private final DeviceEventProcessor processor;
  private final SqsRejectedEventSink rejected;
  private final CamundaClientContext camunda;

  /** The wiring of a Lambda function: system properties and environment variables. */
  public static FunctionWiring fromEnvironment() {
    return new FunctionWiring(DeviceSettings.fromEnvironment(), null);
  }

  /**
   * @param publisher the hand-off to use instead of the Camunda client (tests), or {@code null}
   */
  public FunctionWiring(DeviceSettings settings, AlertPublisher publisher) {
    String url = settings.get(DATASOURCE_URL);
    if (url == null) {
      throw new IllegalStateException(
          DATASOURCE_URL + " (DATASOURCES_DEFAULT_URL) must name the device database");
    }
    login = login(settings);
    dataSource =
        new SingleConnectionDataSource(
            url, settings.get("datasources.default.driver-class-name"), login);
    dataSource.openInBackground();
    rules = DevicesWiring.alertRules(settings.get(DevicesWiring.RULES_FILE));
    parser =
        DevicesWiring.parser(
            settings.duration(
                DevicesWiring.MAX_CLOCK_SKEW,
                Duration.parse(DevicesWiring.DEFAULT_MAX_CLOCK_SKEW)));
    // The event path's classes load now, while the connection opens, rather than after it.
    Priming.exercise(parser, rules, 1);
    store =
        DevicesWiring.store(
            dataSource,
            settings.flag(DevicesWiring.MIGRATE, true),
            url.startsWith("jdbc:postgresql:"));
    if (publisher == null) {
      camunda = new CamundaClientContext(settings);
      publisher =
          DevicesWiring.camundaPublisher(
              camunda::client,
              settings.duration(
                  DevicesWiring.PUBLISH_TIMEOUT,
                  Duration.parse(DevicesWiring.DEFAULT_PUBLISH_TIMEOUT)));
    } else {
      camunda = null;
    }
    processor = DevicesWiring.processor(parser, rules, store, publisher);
    rejected =
        new SqsRejectedEventSink(
            settings.get(DevicesWiring.REJECTED_QUEUE_URL),
            settings.get(DevicesWiring.SQS_ENDPOINT),
            settings.get(DevicesWiring.SQS_REGION));
  }

  private static DatabaseLogin login(DeviceSettings settings) {
    String secretArn = settings.get(DATABASE_SECRET_ARN);
    if (secretArn != null) {
      return new SecretLogin(
          secretArn,
          settings.duration("cityflow.secrets.min-reread-interval", Duration.ofSeconds(10)));
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

  public DeviceEventProcessor processor() {
    return processor;
  }

  public RejectedEventSink rejected() {
    return rejected;
  }

  public DeviceStore store() {
    return store;
  }

  /**
   * SnapStart priming, before the snapshot: runs the parser, the rules and the evaluator on
   * constant events ({@link Priming}, pure, nothing written), reads once through the store's
   * connection (so that the driver's statement code has run), builds the Camunda client and the
   * rejected-events SQS client, and closes the database connection, whose socket would be dead
   * after a restore.
   */
  public void prime() {
    Priming.exercise(parser, rules, Priming.SNAPSHOT_ROUNDS);
    store.keyHash(Priming.DEVICE_ID);
    if (camunda != null) {
      camunda.client();
    }
    rejected.prime();
    dataSource.evict();
  }

  /** After a restore: opens the database connection again while the first event is parsed. */
  public void restored() {
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
    rejected.close();
    dataSource.close();
    if (login instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing at the end of the process; nothing is lost.
      }
    }
  }
}
