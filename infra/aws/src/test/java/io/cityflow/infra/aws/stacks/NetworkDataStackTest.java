package io.cityflow.infra.aws.stacks;

import static io.cityflow.infra.aws.SynthesizedApp.template;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.infra.aws.Templates;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class NetworkDataStackTest {

  private final Template dev = template("dev", "NetworkData");
  private final Template prod = template("prod", "NetworkData");

  @Test
  void shouldRunAuroraPostgresServerlessV2InIsolatedSubnets() {
    // given the dev network-and-data stack
    // then the cluster is Aurora PostgreSQL with serverless v2 capacity and encrypted storage
    dev.hasResourceProperties(
        "AWS::RDS::DBCluster",
        Map.of(
            "Engine",
            "aurora-postgresql",
            "DatabaseName",
            "cityflow",
            "StorageEncrypted",
            true,
            "ServerlessV2ScalingConfiguration",
            Map.of("MinCapacity", 0.5, "MaxCapacity", 4)));
    dev.hasResourceProperties("AWS::RDS::DBInstance", Map.of("DBInstanceClass", "db.serverless"));
    // and its subnet group holds only the isolated data subnets
    dev.hasResourceProperties(
        "AWS::RDS::DBSubnetGroup",
        Map.of(
            "SubnetIds",
            Match.arrayWith(List.of(Map.of("Ref", Match.stringLikeRegexp("Vpcdata"))))));
  }

  @Test
  void shouldKeepDatabaseCredentialsInSecretsManager() {
    // given the cluster
    Map<String, Object> cluster =
        Templates.properties(
            Templates.resources(dev, "AWS::RDS::DBCluster").values().iterator().next());
    // then user and password are dynamic references to a generated secret, never literals
    assertThat(String.valueOf(cluster.get("MasterUserPassword")))
        .contains("resolve:secretsmanager")
        .contains(":SecretString:password::}}");
    dev.hasResourceProperties(
        "AWS::SecretsManager::Secret",
        Map.of(
            "GenerateSecretString",
            Match.objectLike(
                Map.of(
                    "GenerateStringKey", "password",
                    "SecretStringTemplate", "{\"username\":\"cityflow_admin\"}"))));
  }

  @Test
  void shouldFrontTheDatabaseWithRdsProxyRequiringTls() {
    // then the proxy requires TLS and signs in with the database secret
    dev.hasResourceProperties(
        "AWS::RDS::DBProxy",
        Map.of(
            "EngineFamily",
            "POSTGRESQL",
            "RequireTLS",
            true,
            "Auth",
            List.of(
                Match.objectLike(Map.of("AuthScheme", "SECRETS", "SecretArn", Match.anyValue())))));
    // and workloads may reach the proxy on 5432, the cluster only from the proxy
    dev.hasResourceProperties(
        "AWS::EC2::SecurityGroupIngress",
        Map.of(
            "FromPort",
            5432,
            "ToPort",
            5432,
            "Description",
            "CityFlow workloads",
            "SourceSecurityGroupId",
            Map.of(
                "Fn::GetAtt",
                List.of(Match.stringLikeRegexp("WorkloadSecurityGroup"), "GroupId"))));
    dev.hasResourceProperties(
        "AWS::EC2::SecurityGroupIngress",
        Map.of(
            "GroupId",
            Map.of(
                "Fn::GetAtt", List.of(Match.stringLikeRegexp("DatabaseSecurityGroup"), "GroupId")),
            "SourceSecurityGroupId",
            Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("DatabaseProxy"), "GroupId"))));
    assertThat(
            dev.findResources(
                "AWS::EC2::SecurityGroupIngress",
                Map.of(
                    "Properties",
                    Map.of(
                        "GroupId",
                        Map.of(
                            "Fn::GetAtt",
                            List.of(Match.stringLikeRegexp("DatabaseSecurityGroup"), "GroupId"))))))
        .as("only the proxy may reach the cluster in dev")
        .hasSize(1);
  }

  @Test
  void shouldEncryptVersionAndCloseTheStorageBucket() {
    // then attachments and certificates are KMS-encrypted with a rotating key, versioned and
    // private
    dev.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "BucketEncryption",
            Map.of(
                "ServerSideEncryptionConfiguration",
                List.of(
                    Map.of(
                        "BucketKeyEnabled",
                        true,
                        "ServerSideEncryptionByDefault",
                        Map.of(
                            "SSEAlgorithm",
                            "aws:kms",
                            "KMSMasterKeyID",
                            Map.of(
                                "Fn::GetAtt",
                                List.of(Match.stringLikeRegexp("StorageKey"), "Arn")))))),
            "VersioningConfiguration",
            Map.of("Status", "Enabled"),
            "PublicAccessBlockConfiguration",
            Map.of(
                "BlockPublicAcls", true,
                "BlockPublicPolicy", true,
                "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true)));
    dev.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    // and plain HTTP is refused
    dev.hasResourceProperties(
        "AWS::S3::BucketPolicy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Effect",
                                "Deny",
                                "Condition",
                                Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
  }

  @Test
  void shouldExpireFilesPerRetentionPolicy() {
    // then attachments and certificates expire after their retention, per environment
    assertThat(expirationDays(dev, "attachments-retention")).isEqualTo(90);
    assertThat(expirationDays(dev, "certificates-retention")).isEqualTo(365);
    assertThat(expirationDays(prod, "attachments-retention")).isEqualTo(3650);
    assertThat(expirationDays(prod, "certificates-retention")).isEqualTo(10950);
    prod.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "LifecycleConfiguration",
            Map.of(
                "Rules",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Id",
                                "attachments-retention",
                                "Prefix",
                                "attachments/",
                                "NoncurrentVersionExpiration",
                                Map.of("NoncurrentDays", 90),
                                "Transitions",
                                List.of(
                                    Map.of(
                                        "StorageClass", "STANDARD_IA", "TransitionInDays", 90)))),
                        Match.objectLike(
                            Map.of(
                                "Id",
                                "housekeeping",
                                "AbortIncompleteMultipartUpload",
                                Map.of("DaysAfterInitiation", 7))))))));
  }

  @Test
  void shouldProtectProductionDataButNotDevData() {
    // then prod cannot be deleted by accident and rotates its password every 30 days
    prod.hasResource(
        "AWS::RDS::DBCluster",
        Map.of(
            "DeletionPolicy",
            "Retain",
            "Properties",
            Match.objectLike(Map.of("DeletionProtection", true, "BackupRetentionPeriod", 35))));
    prod.hasResourceProperties(
        "AWS::SecretsManager::RotationSchedule",
        Map.of("RotationRules", Map.of("ScheduleExpression", "rate(30 days)")));
    prod.resourceCountIs("AWS::RDS::DBInstance", 2);
    // and dev keeps a snapshot on deletion, without rotation or a reader
    dev.hasResource(
        "AWS::RDS::DBCluster",
        Map.of(
            "DeletionPolicy",
            "Snapshot",
            "Properties",
            Match.objectLike(Map.of("DeletionProtection", false))));
    dev.resourceCountIs("AWS::SecretsManager::RotationSchedule", 0);
    dev.resourceCountIs("AWS::RDS::DBInstance", 1);
  }

  @Test
  void shouldCreateTheCamundaSecretWithoutItsValue() {
    // then the Camunda credentials secret exists under a known name, its value generated, not given
    Map<String, Map<String, Object>> secrets =
        dev.findResources(
            "AWS::SecretsManager::Secret",
            Map.of("Properties", Map.of("Name", "cityflow-dev/camunda-client")));
    assertThat(secrets).hasSize(1);
    Map<String, Object> props = Templates.properties(secrets.values().iterator().next());
    assertThat(props).doesNotContainKey("SecretString");
    assertThat(props.get("GenerateSecretString").toString()).contains("clientSecret");
  }

  @Test
  void shouldGiveProductionOneNatGatewayPerZone() {
    // then prod survives the loss of a zone's NAT gateway; dev saves the cost
    prod.resourceCountIs("AWS::EC2::NatGateway", 2);
    dev.resourceCountIs("AWS::EC2::NatGateway", 1);
    dev.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Gateway"));
  }

  @SuppressWarnings("unchecked")
  private static int expirationDays(Template template, String ruleId) {
    Map<String, Object> bucket =
        Templates.properties(
            Templates.resources(template, "AWS::S3::Bucket").values().iterator().next());
    List<Map<String, Object>> rules =
        (List<Map<String, Object>>)
            ((Map<String, Object>) bucket.get("LifecycleConfiguration")).get("Rules");
    return rules.stream()
        .filter(rule -> ruleId.equals(rule.get("Id")))
        .map(rule -> ((Number) rule.get("ExpirationInDays")).intValue())
        .findFirst()
        .orElseThrow();
  }
}
