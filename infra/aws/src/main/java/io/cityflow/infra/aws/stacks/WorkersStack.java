package io.cityflow.infra.aws.stacks;

import io.cityflow.infra.aws.EnvVars;
import io.cityflow.infra.aws.Handlers;
import io.cityflow.infra.aws.config.EnvironmentConfig;
import io.cityflow.infra.aws.constructs.Grants;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The Camunda job workers and the outbox dispatcher, as one long-polling container image on ECS
 * Fargate, scaled on CPU (docs/adr/0009-workers-as-containers.md says why not Lambda). The tasks
 * run in the private subnets with no inbound port; they reach the database through the proxy and
 * Camunda through the NAT gateways. A task migrates the case schema when it starts (Flyway, in the
 * workers' {@code application-aws.yml}); a failed migration stops the task, and the deployment
 * circuit breaker rolls the service back (docs/adr/0012).
 */
public final class WorkersStack extends Stack {

  /** Where the image keeps the workers' jar and its dependencies; the command's classpath. */
  public static final String IMAGE_CLASSPATH = "/app/lib/*";

  /** The image's logging configuration: JSON lines, metrics lines as they are (Dockerfile). */
  public static final String IMAGE_LOGBACK = "/app/logback.xml";

  /** The container's command: the workers' main class on the image's classpath. */
  public static final List<String> COMMAND =
      List.of(
          "java",
          "-Dlogback.configurationFile=" + IMAGE_LOGBACK,
          "-cp",
          IMAGE_CLASSPATH,
          Handlers.WORKERS_MAIN.className());

  private final Cluster cluster;
  private final FargateTaskDefinition taskDefinition;
  private final ContainerDefinition container;
  private final FargateService service;
  private final LogGroup logGroup;

  public WorkersStack(
      Construct scope,
      String id,
      StackProps props,
      EnvironmentConfig config,
      NetworkDataStack data) {
    super(scope, id, props);
    EnvironmentConfig.Workers workers = config.workers();

    cluster =
        Cluster.Builder.create(this, "Cluster")
            .vpc(data.vpc())
            .containerInsightsV2(ContainerInsights.ENABLED)
            .build();
    taskDefinition =
        FargateTaskDefinition.Builder.create(this, "Task")
            .cpu(workers.cpu())
            .memoryLimitMiB(workers.memoryMib())
            .runtimePlatform(
                RuntimePlatform.builder()
                    .operatingSystemFamily(OperatingSystemFamily.LINUX)
                    .cpuArchitecture(CpuArchitecture.X86_64)
                    .build())
            .build();
    taskDefinition.addVolume(Volume.builder().name("tmp").build());

    logGroup =
        LogGroup.Builder.create(this, "Logs")
            .retention(config.operations().logRetention())
            .removalPolicy(config.production() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
            .build();
    Map<String, String> env = new LinkedHashMap<>(data.runtimeEnvironment());
    env.put(EnvVars.STORAGE_BUCKET, data.storage().getBucketName());
    env.put(EnvVars.JAVA_TOOL_OPTIONS, "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError");
    env.put(EnvVars.AWS_REGION, getRegion());
    Optional<String> emailFrom = context("notifyEmailFrom");
    env.put(EnvVars.NOTIFY_EMAIL_ENABLED, String.valueOf(emailFrom.isPresent()));
    emailFrom.ifPresent(from -> env.put(EnvVars.NOTIFY_EMAIL_FROM, from));
    context("smsSenderId").ifPresent(sender -> env.put(EnvVars.NOTIFY_SMS_SENDER_ID, sender));
    context("fireBrigadePhone").ifPresent(phone -> env.put(EnvVars.FIRE_BRIGADE_PHONE, phone));
    context("communityPhone").ifPresent(phone -> env.put(EnvVars.COMMUNITY_PHONE, phone));
    // The API stack, whose CloudFront address this usually is, deploys after this one: a context
    // value, not a reference. Without it certificates carry no QR code.
    context("publicBaseUrl").ifPresent(url -> env.put(EnvVars.PUBLIC_BASE_URL, publicBaseUrl(url)));
    context("certificateIssuer").ifPresent(issuer -> env.put(EnvVars.CERTIFICATES_ISSUER, issuer));
    context("certificateValidity")
        .ifPresent(validity -> env.put(EnvVars.CERTIFICATES_VALIDITY, validity));
    context("certificateExpiryReminderDays")
        .ifPresent(days -> env.put(EnvVars.CERTIFICATES_EXPIRY_REMINDER_DAYS, days));
    container =
        taskDefinition.addContainer(
            "Workers",
            ContainerDefinitionOptions.builder()
                .image(
                    ContainerImage.fromAsset(
                        config.artifacts().workersImage().toString(),
                        AssetImageProps.builder().platform(Platform.LINUX_AMD64).build()))
                .command(COMMAND)
                .environment(env)
                .logging(
                    LogDriver.awsLogs(
                        AwsLogDriverProps.builder()
                            .logGroup(logGroup)
                            .streamPrefix("workers")
                            .build()))
                .readonlyRootFilesystem(true)
                .stopTimeout(Duration.seconds(60))
                .essential(true)
                .build());
    container.addMountPoints(
        MountPoint.builder().containerPath("/tmp").sourceVolume("tmp").readOnly(false).build());

    data.grantRuntimeSecrets(taskDefinition.getTaskRole());
    Grants.readObjects(
        taskDefinition.getTaskRole(),
        data.storage(),
        EnvVars.ATTACHMENTS_PREFIX,
        "ReadAttachments");
    Grants.writeObjects(
        taskDefinition.getTaskRole(),
        data.storage(),
        EnvVars.CERTIFICATES_PREFIX,
        "WriteCertificates");
    Grants.useKey(taskDefinition.getTaskRole(), data.storageKey());
    grantNotifications(emailFrom);

    service =
        FargateService.Builder.create(this, "Service")
            .cluster(cluster)
            .taskDefinition(taskDefinition)
            .desiredCount(workers.minTasks())
            .assignPublicIp(false)
            .vpcSubnets(
                SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
            .securityGroups(List.of(data.workloadSecurityGroup()))
            .circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
            .minHealthyPercent(100)
            .maxHealthyPercent(200)
            .enableExecuteCommand(false)
            .build();
    service
        .autoScaleTaskCount(
            EnableScalingProps.builder()
                .minCapacity(workers.minTasks())
                .maxCapacity(workers.maxTasks())
                .build())
        .scaleOnCpuUtilization(
            "Cpu",
            CpuUtilizationScalingProps.builder()
                .targetUtilizationPercent(workers.targetCpuPercent())
                .scaleOutCooldown(Duration.minutes(1))
                .scaleInCooldown(Duration.minutes(5))
                .build());
    outputs();
  }

  /**
   * Text messages to phone numbers (SNS has no resource for a number, so the statement names every
   * resource and a second one denies every topic: the workers can text people, not publish to
   * topics), and e-mail from the one verified sender identity, if any.
   */
  private void grantNotifications(Optional<String> emailFrom) {
    taskDefinition.addToTaskRolePolicy(
        PolicyStatement.Builder.create()
            .sid("TextCitizens")
            .actions(List.of("sns:Publish"))
            .resources(List.of("*"))
            .build());
    taskDefinition.addToTaskRolePolicy(
        PolicyStatement.Builder.create()
            .sid("NoTopics")
            .effect(Effect.DENY)
            .actions(List.of("sns:Publish"))
            .resources(List.of("arn:" + getPartition() + ":sns:*:*:*"))
            .build());
    emailFrom.ifPresent(
        from -> {
          String identities = "arn:" + getPartition() + ":ses:" + getRegion() + ":" + getAccount();
          taskDefinition.addToTaskRolePolicy(
              PolicyStatement.Builder.create()
                  .sid("EmailCitizens")
                  .actions(List.of("ses:SendEmail"))
                  .resources(
                      List.of(
                          identities + ":identity/" + from,
                          identities + ":identity/" + from.substring(from.indexOf('@') + 1)))
                  .build());
        });
  }

  /** The context value checked here rather than by a task that would fail at start. */
  static String publicBaseUrl(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || !"https".equals(uri.getScheme())
        || uri.getHost() == null
        || uri.getQuery() != null
        || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          "publicBaseUrl must be the https address citizens open the city's site at, such as"
              + " https://zwfw.example.gov.cn; got "
              + value);
    }
    return value;
  }

  private Optional<String> context(String key) {
    Object value = getNode().tryGetContext(key);
    return value == null || value.toString().isBlank()
        ? Optional.empty()
        : Optional.of(value.toString());
  }

  private void outputs() {
    CfnOutput.Builder.create(this, "WorkersCluster").value(cluster.getClusterName()).build();
    CfnOutput.Builder.create(this, "WorkersService").value(service.getServiceName()).build();
  }

  public Cluster cluster() {
    return cluster;
  }

  public FargateTaskDefinition taskDefinition() {
    return taskDefinition;
  }

  public FargateService service() {
    return service;
  }

  public LogGroup logGroup() {
    return logGroup;
  }
}
