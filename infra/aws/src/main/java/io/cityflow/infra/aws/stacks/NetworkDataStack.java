package io.cityflow.infra.aws.stacks;

import static io.cityflow.infra.aws.config.Durations.cdk;

import io.cityflow.infra.aws.EnvVars;
import io.cityflow.infra.aws.config.EnvironmentConfig;
import io.cityflow.infra.aws.constructs.Grants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.BackupProps;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.rds.DatabaseProxy;
import software.amazon.awscdk.services.rds.DatabaseProxyOptions;
import software.amazon.awscdk.services.rds.IClusterInstance;
import software.amazon.awscdk.services.rds.ServerlessV2ClusterInstanceProps;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.amazon.awscdk.services.secretsmanager.HostedRotation;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.RotationScheduleOptions;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.secretsmanager.SingleUserHostedRotationOptions;
import software.constructs.Construct;

/**
 * The network and everything that holds data: the VPC, the case database (Aurora PostgreSQL
 * Serverless v2 behind RDS Proxy, credentials in Secrets Manager), the bucket for attachments and
 * certificates, and the secret with the Camunda client credentials. Other stacks reach these only
 * through the accessors and {@link #runtimeEnvironment()} / {@link #grantRuntimeSecrets}.
 */
public final class NetworkDataStack extends Stack {

  /** The database's master user; the proxy signs in with it and so do the applications. */
  public static final String DATABASE_USER = "cityflow_admin";

  public static final int POSTGRES_PORT = 5432;

  private final EnvironmentConfig config;
  private final Vpc vpc;
  private final SecurityGroup workloadSecurityGroup;
  private final DatabaseCluster database;
  private final DatabaseProxy proxy;
  private final Key storageKey;
  private final Bucket storage;
  private final Secret camundaCredentials;

  public NetworkDataStack(Construct scope, String id, StackProps props, EnvironmentConfig config) {
    super(scope, id, props);
    this.config = config;
    RemovalPolicy dataRemoval = config.production() ? RemovalPolicy.RETAIN : RemovalPolicy.SNAPSHOT;

    vpc =
        Vpc.Builder.create(this, "Vpc")
            .maxAzs(config.network().maxAzs())
            .natGateways(config.network().natGateways())
            .subnetConfiguration(
                List.of(
                    subnet("public", SubnetType.PUBLIC, 24),
                    subnet("workloads", SubnetType.PRIVATE_WITH_EGRESS, 20),
                    subnet("data", SubnetType.PRIVATE_ISOLATED, 24)))
            .build();
    vpc.addGatewayEndpoint(
        "S3Endpoint",
        GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build());

    workloadSecurityGroup =
        SecurityGroup.Builder.create(this, "WorkloadSecurityGroup")
            .vpc(vpc)
            .description("CityFlow functions and workers; may reach the database proxy")
            .allowAllOutbound(true)
            .build();

    SubnetSelection dataSubnets =
        SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
    List<IClusterInstance> readers = new ArrayList<>();
    for (int i = 1; i <= config.database().readers(); i++) {
      readers.add(
          ClusterInstance.serverlessV2(
              "Reader" + i,
              ServerlessV2ClusterInstanceProps.builder().scaleWithWriter(true).build()));
    }
    database =
        DatabaseCluster.Builder.create(this, "Database")
            .engine(
                DatabaseClusterEngine.auroraPostgres(
                    AuroraPostgresClusterEngineProps.builder()
                        .version(AuroraPostgresEngineVersion.VER_16_9)
                        .build()))
            .credentials(Credentials.fromGeneratedSecret(DATABASE_USER))
            .defaultDatabaseName(config.database().databaseName())
            .vpc(vpc)
            .vpcSubnets(dataSubnets)
            .writer(ClusterInstance.serverlessV2("Writer"))
            .readers(readers)
            .serverlessV2MinCapacity(config.database().minCapacity())
            .serverlessV2MaxCapacity(config.database().maxCapacity())
            .storageEncrypted(true)
            .backup(
                BackupProps.builder().retention(cdk(config.database().backupRetention())).build())
            .deletionProtection(config.database().deletionProtection())
            .removalPolicy(dataRemoval)
            .cloudwatchLogsExports(List.of("postgresql"))
            .cloudwatchLogsRetention(config.operations().logRetention())
            .build();

    proxy =
        database.addProxy(
            "Proxy",
            DatabaseProxyOptions.builder()
                .vpc(vpc)
                .vpcSubnets(dataSubnets)
                .secrets(List.of(database.getSecret()))
                .requireTls(true)
                .build());
    proxy
        .getConnections()
        .allowFrom(workloadSecurityGroup, Port.tcp(POSTGRES_PORT), "CityFlow workloads");

    config.database().credentialRotation().ifPresent(this::rotateDatabaseSecret);

    storageKey =
        Key.Builder.create(this, "StorageKey")
            .description("Encrypts CityFlow attachments and certificates (" + config.name() + ")")
            .enableKeyRotation(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    storage =
        Bucket.Builder.create(this, "Storage")
            .encryption(BucketEncryption.KMS)
            .encryptionKey(storageKey)
            .bucketKeyEnabled(true)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .enforceSsl(true)
            .minimumTlsVersion(1.2)
            .versioned(true)
            .lifecycleRules(lifecycleRules(config.storage()))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();

    camundaCredentials =
        Secret.Builder.create(this, "CamundaCredentials")
            .secretName(config.resourcePrefix() + "/camunda-client")
            .description(
                "Camunda 8 client credentials as JSON {clientId, clientSecret}; set after the first"
                    + " deployment (docs/deploy.md)")
            .generateSecretString(
                SecretStringGenerator.builder()
                    .secretStringTemplate("{\"clientId\":\"not-set\"}")
                    .generateStringKey("clientSecret")
                    .excludePunctuation(true)
                    .build())
            .removalPolicy(config.production() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
            .build();
  }

  /** Secrets Manager's hosted rotation function signs in to Aurora directly, from its own group. */
  private void rotateDatabaseSecret(java.time.Duration every) {
    SecurityGroup rotation =
        SecurityGroup.Builder.create(this, "RotationSecurityGroup")
            .vpc(vpc)
            .description("Secrets Manager rotation of the database password")
            .allowAllOutbound(true)
            .build();
    database.getConnections().allowDefaultPortFrom(rotation, "Password rotation");
    database
        .getSecret()
        .addRotationSchedule(
            "Rotation",
            RotationScheduleOptions.builder()
                .automaticallyAfter(cdk(every))
                .hostedRotation(
                    HostedRotation.postgreSqlSingleUser(
                        SingleUserHostedRotationOptions.builder()
                            .vpc(vpc)
                            .vpcSubnets(
                                SubnetSelection.builder()
                                    .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                    .build())
                            .securityGroups(List.of(rotation))
                            .build()))
                .build());
  }

  private static SubnetConfiguration subnet(String name, SubnetType type, int mask) {
    return SubnetConfiguration.builder().name(name).subnetType(type).cidrMask(mask).build();
  }

  private static List<LifecycleRule> lifecycleRules(EnvironmentConfig.Storage storage) {
    Duration toInfrequentAccess = cdk(storage.infrequentAccessAfter());
    Duration oldVersions = cdk(storage.noncurrentVersionRetention());
    return List.of(
        LifecycleRule.builder()
            .id("attachments-retention")
            .prefix(EnvVars.ATTACHMENTS_PREFIX)
            .transitions(List.of(infrequentAccess(toInfrequentAccess)))
            .expiration(cdk(storage.attachmentsRetention()))
            .noncurrentVersionExpiration(oldVersions)
            .build(),
        LifecycleRule.builder()
            .id("certificates-retention")
            .prefix(EnvVars.CERTIFICATES_PREFIX)
            .transitions(List.of(infrequentAccess(toInfrequentAccess)))
            .expiration(cdk(storage.certificatesRetention()))
            .noncurrentVersionExpiration(oldVersions)
            .build(),
        LifecycleRule.builder()
            .id("housekeeping")
            .abortIncompleteMultipartUploadAfter(Duration.days(7))
            .expiredObjectDeleteMarker(true)
            .build());
  }

  private static Transition infrequentAccess(Duration after) {
    return Transition.builder()
        .storageClass(StorageClass.INFREQUENT_ACCESS)
        .transitionAfter(after)
        .build();
  }

  /**
   * The settings every function and the workers start with: the {@code aws} environment, the
   * database through the proxy, the Camunda cluster, and the ARNs (never the values) of the secrets
   * they read.
   */
  public Map<String, String> runtimeEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(EnvVars.ENVIRONMENT, config.name());
    env.put(EnvVars.MICRONAUT_ENVIRONMENTS, "aws");
    env.put(
        EnvVars.DATASOURCE_URL,
        "jdbc:postgresql://"
            + proxy.getEndpoint()
            + ":"
            + POSTGRES_PORT
            + "/"
            + config.database().databaseName()
            + "?sslmode=require");
    env.put(EnvVars.DATASOURCE_DRIVER, "org.postgresql.Driver");
    env.put(EnvVars.DATASOURCE_DIALECT, "POSTGRES");
    env.put(EnvVars.DATABASE_SECRET_ARN, database.getSecret().getSecretArn());
    env.put(EnvVars.CITYFLOW_CAMUNDA_REST_ADDRESS, config.camunda().restAddress());
    env.put(EnvVars.CITYFLOW_CAMUNDA_AUDIENCE, config.camunda().tokenAudience());
    env.put(
        EnvVars.CITYFLOW_CAMUNDA_AUTHORIZATION_SERVER_URL,
        config.camunda().authorizationServerUrl());
    env.put(EnvVars.CAMUNDA_CREDENTIALS_SECRET_ARN, camundaCredentials.getSecretArn());
    return env;
  }

  /** Lets a workload read the database and Camunda secrets, and nothing else in this stack. */
  public void grantRuntimeSecrets(IGrantable grantee) {
    Grants.readSecrets(grantee, List.of(database.getSecret(), camundaCredentials));
  }

  public IVpc vpc() {
    return vpc;
  }

  /** The security group every function and the workers run in; it may reach the proxy. */
  public ISecurityGroup workloadSecurityGroup() {
    return workloadSecurityGroup;
  }

  public DatabaseCluster database() {
    return database;
  }

  public DatabaseProxy proxy() {
    return proxy;
  }

  public ISecret databaseSecret() {
    return database.getSecret();
  }

  public ISecret camundaCredentials() {
    return camundaCredentials;
  }

  public Bucket storage() {
    return storage;
  }

  public Key storageKey() {
    return storageKey;
  }

  /** The log retention the environment uses, for the other stacks' log groups. */
  public RetentionDays logRetention() {
    return config.operations().logRetention();
  }
}
