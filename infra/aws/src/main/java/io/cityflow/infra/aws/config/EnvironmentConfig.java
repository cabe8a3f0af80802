package io.cityflow.infra.aws.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Everything that differs between environments. {@link #dev} and {@link #prod} are the two the
 * project deploys; the app and the tests build on them.
 *
 * @param name short name used in stack and resource names: {@code dev} or {@code prod}
 * @param region the AWS region
 * @param account the AWS account, or empty for an account-agnostic template
 * @param production whether data must survive a stack deletion and alarms page someone
 */
public record EnvironmentConfig(
    String name,
    String region,
    Optional<String> account,
    boolean production,
    Network network,
    Database database,
    Storage storage,
    Api api,
    Devices devices,
    Workers workers,
    Camunda camunda,
    Operations operations,
    Artifacts artifacts) {

  /** The VPC: two availability zones; NAT gateways give functions a way out to Camunda SaaS. */
  public record Network(int maxAzs, int natGateways) {}

  /**
   * Aurora PostgreSQL Serverless v2 behind RDS Proxy.
   *
   * @param minCapacity the smallest size in Aurora capacity units (ACU)
   * @param maxCapacity the largest size in ACU
   * @param readers serverless readers in addition to the writer
   * @param backupRetention how long automated backups are kept
   * @param credentialRotation how often the database password is rotated, if automatically
   */
  public record Database(
      String databaseName,
      double minCapacity,
      double maxCapacity,
      int readers,
      Duration backupRetention,
      boolean deletionProtection,
      Optional<Duration> credentialRotation) {}

  /**
   * Retention of files in the storage bucket. A file moves to infrequent access after {@code
   * infrequentAccessAfter} and is deleted after its retention; old versions go after {@code
   * noncurrentVersionRetention}.
   */
  public record Storage(
      Duration attachmentsRetention,
      Duration certificatesRetention,
      Duration infrequentAccessAfter,
      Duration noncurrentVersionRetention) {}

  /**
   * The case API, its HTTP API and the staff sign-in.
   *
   * @param throttleRate steady-state requests per second across the API
   * @param throttleBurst burst capacity in requests
   * @param authDomainPrefix the Cognito hosted sign-in domain prefix (unique in the region)
   * @param extraCallbackUrls sign-in callback and sign-out URLs besides the CloudFront address
   *     (custom domains): {@code https://<domain>/auth.html} each
   */
  public record Api(
      int memoryMb,
      Duration timeout,
      int throttleRate,
      int throttleBurst,
      String authDomainPrefix,
      List<String> extraCallbackUrls,
      boolean mfaRequired) {}

  /**
   * Device ingestion.
   *
   * @param maxReceiveCount deliveries of a message before it goes to the dead-letter queue
   * @param maxConcurrency the most concurrent function instances the queue may drive
   * @param heartbeatInterval how often the heartbeat check runs
   */
  public record Devices(
      int memoryMb,
      Duration timeout,
      int batchSize,
      Duration maxBatchingWindow,
      int maxReceiveCount,
      int maxConcurrency,
      Duration heartbeatInterval) {}

  /** The workers' Fargate service, scaled on CPU between {@code minTasks} and {@code maxTasks}. */
  public record Workers(int cpu, int memoryMib, int minTasks, int maxTasks, int targetCpuPercent) {}

  /**
   * The Camunda 8 cluster. None of these values is secret; the client credentials live in the
   * Secrets Manager secret the network-and-data stack creates.
   *
   * @param restAddress the cluster's REST address, e.g. {@code
   *     https://<region>.zeebe.camunda.io/<id>}
   */
  public record Camunda(String restAddress, String tokenAudience, String authorizationServerUrl) {

    /** Camunda 8 SaaS with the given cluster REST address. */
    public static Camunda saas(String restAddress) {
      return new Camunda(
          restAddress, "zeebe.camunda.io", "https://login.cloud.camunda.io/oauth/token");
    }

    /** Whether the address is the stand-in used until an operator configures the cluster. */
    public boolean isPlaceholder() {
      return restAddress.contains(".invalid");
    }
  }

  /**
   * Alarms and logs.
   *
   * @param alarmEmail where alarm notifications go, if anywhere
   * @param lambdaErrorThreshold function errors in five minutes that raise an alarm
   * @param api5xxThreshold server errors in five minutes that raise an alarm
   * @param outboxLagThreshold the outbox lag that raises an alarm
   */
  public record Operations(
      Optional<String> alarmEmail,
      RetentionDays logRetention,
      int lambdaErrorThreshold,
      int api5xxThreshold,
      double databaseCpuPercent,
      Duration outboxLagThreshold) {}

  /** A stand-in REST address that cannot resolve, used until the operator sets the real one. */
  public static String placeholderCamundaAddress(String environment) {
    return "https://camunda-cluster-" + environment + ".invalid";
  }

  /** A small, cheap environment for integration and acceptance testing. */
  public static EnvironmentConfig dev(Artifacts artifacts) {
    return new EnvironmentConfig(
        "dev",
        "ap-southeast-1",
        Optional.empty(),
        false,
        new Network(2, 1),
        new Database("cityflow", 0.5, 4, 0, Duration.ofDays(7), false, Optional.empty()),
        new Storage(
            Duration.ofDays(90), Duration.ofDays(365), Duration.ofDays(30), Duration.ofDays(7)),
        new Api(1024, Duration.ofSeconds(29), 50, 100, "cityflow-dev", List.of(), false),
        new Devices(
            512, Duration.ofSeconds(30), 10, Duration.ofSeconds(1), 5, 5, Duration.ofMinutes(1)),
        new Workers(512, 1024, 1, 2, 60),
        Camunda.saas(placeholderCamundaAddress("dev")),
        new Operations(
            Optional.empty(), RetentionDays.TWO_WEEKS, 5, 10, 80, Duration.ofMinutes(10)),
        artifacts);
  }

  /** Production for a city of about one million residents; see docs/deploy.md for the sizing. */
  public static EnvironmentConfig prod(Artifacts artifacts) {
    return new EnvironmentConfig(
        "prod",
        "ap-southeast-1",
        Optional.empty(),
        true,
        new Network(2, 2),
        new Database(
            "cityflow", 1, 16, 1, Duration.ofDays(35), true, Optional.of(Duration.ofDays(30))),
        new Storage(
            Duration.ofDays(10 * 365),
            Duration.ofDays(30 * 365),
            Duration.ofDays(90),
            Duration.ofDays(90)),
        new Api(2048, Duration.ofSeconds(29), 500, 1000, "cityflow-prod", List.of(), true),
        new Devices(
            1024, Duration.ofSeconds(30), 10, Duration.ofSeconds(1), 5, 20, Duration.ofMinutes(1)),
        new Workers(1024, 2048, 2, 10, 60),
        Camunda.saas(placeholderCamundaAddress("prod")),
        new Operations(Optional.empty(), RetentionDays.ONE_YEAR, 1, 5, 80, Duration.ofMinutes(5)),
        artifacts);
  }

  /** The named environment: {@code dev} or {@code prod}. */
  public static EnvironmentConfig named(String name, Artifacts artifacts) {
    return switch (name) {
      case "dev" -> dev(artifacts);
      case "prod" -> prod(artifacts);
      default ->
          throw new IllegalArgumentException("unknown environment '" + name + "'; use dev or prod");
    };
  }

  /** This environment with another Camunda cluster. */
  public EnvironmentConfig withCamunda(Camunda other) {
    return new EnvironmentConfig(
        name,
        region,
        account,
        production,
        network,
        database,
        storage,
        api,
        devices,
        workers,
        other,
        operations,
        artifacts);
  }

  /** This environment in a given account and region. */
  public EnvironmentConfig in(Optional<String> otherAccount, String otherRegion) {
    return new EnvironmentConfig(
        name,
        otherRegion,
        otherAccount,
        production,
        network,
        database,
        storage,
        api,
        devices,
        workers,
        camunda,
        operations,
        artifacts);
  }

  /** This environment with another Cognito sign-in domain prefix (they are unique per region). */
  public EnvironmentConfig withAuthDomainPrefix(String prefix) {
    Api other =
        new Api(
            api.memoryMb(),
            api.timeout(),
            api.throttleRate(),
            api.throttleBurst(),
            prefix,
            api.extraCallbackUrls(),
            api.mfaRequired());
    return new EnvironmentConfig(
        name,
        region,
        account,
        production,
        network,
        database,
        storage,
        other,
        devices,
        workers,
        camunda,
        operations,
        artifacts);
  }

  /** This environment with an alarm e-mail address. */
  public EnvironmentConfig withAlarmEmail(String email) {
    Operations ops =
        new Operations(
            Optional.of(email),
            operations.logRetention(),
            operations.lambdaErrorThreshold(),
            operations.api5xxThreshold(),
            operations.databaseCpuPercent(),
            operations.outboxLagThreshold());
    return new EnvironmentConfig(
        name,
        region,
        account,
        production,
        network,
        database,
        storage,
        api,
        devices,
        workers,
        camunda,
        ops,
        artifacts);
  }

  /** The prefix of every stack and named resource, e.g. {@code CityFlow-prod}. */
  public String stackPrefix() {
    return "CityFlow-" + name;
  }

  /** The prefix of physical names that must be lower case, e.g. {@code cityflow-prod}. */
  public String resourcePrefix() {
    return "cityflow-" + name;
  }
}
