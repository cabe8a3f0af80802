package io.cityflow.infra.aws.stacks;

import static io.cityflow.infra.aws.SynthesizedApp.template;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.infra.aws.EnvVars;
import io.cityflow.infra.aws.Handlers;
import io.cityflow.infra.aws.Templates;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class WorkersStackTest {

  private final Template dev = template("dev", "Workers");
  private final Template prod = template("prod", "Workers");

  @SuppressWarnings("unchecked")
  private Map<String, Object> container() {
    Map<String, Object> task =
        Templates.properties(
            Templates.resources(dev, "AWS::ECS::TaskDefinition").values().iterator().next());
    return ((List<Map<String, Object>>) task.get("ContainerDefinitions")).get(0);
  }

  @Test
  void shouldRunTheWorkersMainClassOnFargateWithoutPublicAddress() {
    // then the service runs in private subnets, rolls back failed deployments
    dev.hasResourceProperties(
        "AWS::ECS::Service",
        Map.of(
            "LaunchType",
            "FARGATE",
            "DesiredCount",
            1,
            "NetworkConfiguration",
            Map.of("AwsvpcConfiguration", Match.objectLike(Map.of("AssignPublicIp", "DISABLED"))),
            "DeploymentConfiguration",
            Match.objectLike(
                Map.of("DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true)))));
    // and the container starts the workers' main class from a read-only root file system
    assertThat(container())
        .containsEntry(
            "Command",
            List.of("java", "-cp", WorkersStack.IMAGE_CLASSPATH, Handlers.WORKERS_MAIN.className()))
        .containsEntry("ReadonlyRootFilesystem", true)
        .doesNotContainKey("Secrets");
    dev.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("Cpu", "512", "Memory", "1024"));
    // and the operator finds the service to restart among the outputs
    dev.hasOutput("WorkersService", Map.of("Value", Match.anyValue()));
  }

  @SuppressWarnings("unchecked")
  @Test
  void shouldPassCamundaAndDatabaseSettingsAsArnsNotValues() {
    // when reading the container's environment
    List<String> names =
        ((List<Map<String, Object>>) container().get("Environment"))
            .stream().map(variable -> (String) variable.get("Name")).toList();
    // then it has the cluster address and the secrets' ARNs, never their values
    assertThat(names)
        .contains(
            EnvVars.CAMUNDA_REST_ADDRESS,
            EnvVars.CAMUNDA_CREDENTIALS_SECRET_ARN,
            EnvVars.DATABASE_SECRET_ARN,
            EnvVars.DATASOURCE_URL,
            EnvVars.STORAGE_BUCKET)
        .doesNotContain("CAMUNDA_CLIENT_SECRET", "CAMUNDA_CLIENT_ID");
  }

  @Test
  void shouldScaleOnCpuBetweenTheConfiguredTaskCounts() {
    // then dev scales between 1 and 2 tasks, prod between 2 and 10, both at 60 % CPU
    dev.hasResourceProperties(
        "AWS::ApplicationAutoScaling::ScalableTarget", Map.of("MinCapacity", 1, "MaxCapacity", 2));
    prod.hasResourceProperties(
        "AWS::ApplicationAutoScaling::ScalableTarget", Map.of("MinCapacity", 2, "MaxCapacity", 10));
    dev.hasResourceProperties(
        "AWS::ApplicationAutoScaling::ScalingPolicy",
        Map.of(
            "PolicyType",
            "TargetTrackingScaling",
            "TargetTrackingScalingPolicyConfiguration",
            Match.objectLike(
                Map.of(
                    "TargetValue",
                    60,
                    "PredefinedMetricSpecification",
                    Map.of("PredefinedMetricType", "ECSServiceAverageCPUUtilization")))));
  }

  @Test
  void shouldGrantTheTaskRoleExactlyItsCalls() {
    // given the task role
    String taskRole =
        Templates.resources(dev, "AWS::IAM::Role").keySet().stream()
            .filter(id -> id.startsWith("TaskTaskRole"))
            .findFirst()
            .orElseThrow();
    // then the workers read secrets and attachments, write certificates and use the storage key
    assertThat(Templates.allowedActions(dev, taskRole))
        .containsExactly(
            "kms:Decrypt",
            "kms:GenerateDataKey",
            "s3:GetObject",
            "s3:PutObject",
            "secretsmanager:GetSecretValue");
    assertThat(Templates.statement(dev, taskRole, "WriteCertificates").get("Resource").toString())
        .contains("/certificates/*");
  }
}
