package io.cityflow.infra.aws.stacks;

import static io.cityflow.infra.aws.SynthesizedApp.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cityflow.infra.aws.EnvVars;
import io.cityflow.infra.aws.Handlers;
import io.cityflow.infra.aws.InfraApp;
import io.cityflow.infra.aws.SynthesizedApp;
import io.cityflow.infra.aws.Templates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    // and the container starts the workers' main class, with the image's logging configuration,
    // from a read-only root file system
    assertThat(container())
        .containsEntry(
            "Command",
            List.of(
                "java",
                "-Dlogback.configurationFile=/app/logback.xml",
                "-cp",
                "/app/lib/*",
                Handlers.WORKERS_MAIN.className()))
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
            EnvVars.CITYFLOW_CAMUNDA_REST_ADDRESS,
            EnvVars.MICRONAUT_ENVIRONMENTS,
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
    // then the workers read secrets and attachments, write certificates, use the storage key,
    // text citizens and e-mail them from the verified sender
    assertThat(Templates.allowedActions(dev, taskRole))
        .containsExactly(
            "kms:Decrypt",
            "kms:GenerateDataKey",
            "s3:GetObject",
            "s3:PutObject",
            "secretsmanager:GetSecretValue",
            "ses:SendEmail",
            "sns:Publish");
    assertThat(Templates.statement(dev, taskRole, "WriteCertificates").get("Resource").toString())
        .contains("/certificates/*");
    assertThat(Templates.statement(dev, taskRole, "EmailCitizens").get("Resource").toString())
        .contains(":identity/" + SynthesizedApp.NOTIFY_EMAIL_FROM)
        .contains(":identity/yinchuan.example.org");
    // and SNS only to phone numbers: publishing to any topic is denied
    Map<String, Object> noTopics = Templates.statement(dev, taskRole, "NoTopics");
    assertThat(noTopics).containsEntry("Effect", "Deny").containsEntry("Action", "sns:Publish");
    assertThat(noTopics.get("Resource").toString()).contains(":sns:*:*:*");
  }

  @SuppressWarnings("unchecked")
  @Test
  void shouldConfigureNotificationsAndTheRegionForTheWorkers() {
    // when reading the container's environment
    Map<String, Object> env = new java.util.LinkedHashMap<>();
    ((List<Map<String, Object>>) container().get("Environment"))
        .forEach(variable -> env.put((String) variable.get("Name"), variable.get("Value")));
    // then e-mail is on with the verified sender, the emergency number is the city's, and the
    // SDK clients get the region
    assertThat(env)
        .containsEntry(EnvVars.NOTIFY_EMAIL_ENABLED, "true")
        .containsEntry(EnvVars.NOTIFY_EMAIL_FROM, SynthesizedApp.NOTIFY_EMAIL_FROM)
        .containsEntry(EnvVars.FIRE_BRIGADE_PHONE, "+869510119")
        .containsEntry(EnvVars.AWS_REGION, "ap-southeast-1")
        .doesNotContainKey(EnvVars.COMMUNITY_PHONE);
    // and certificates' QR codes link to the city's public address, their validity and expiry
    // reminder are the deployment's, and the issuer is left out
    assertThat(env)
        .containsEntry(EnvVars.PUBLIC_BASE_URL, SynthesizedApp.PUBLIC_BASE_URL)
        .containsEntry(EnvVars.CERTIFICATES_VALIDITY, SynthesizedApp.CERTIFICATE_VALIDITY)
        .containsEntry(EnvVars.CERTIFICATES_EXPIRY_REMINDER_DAYS, "45")
        .doesNotContainKey(EnvVars.CERTIFICATES_ISSUER);
  }

  @Test
  void shouldRefuseAPublicBaseUrlThatIsNoHttpsAddress() {
    // when the deployment is given a public address without https, or not an address at all
    // then synthesis stops and says which value is wrong
    for (String bad : List.of("http://zwfw.example.gov.cn", "zwfw.example.gov.cn", "https://")) {
      assertThatThrownBy(() -> WorkersStack.publicBaseUrl(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("publicBaseUrl")
          .hasMessageContaining(bad);
    }
    assertThat(WorkersStack.publicBaseUrl("https://zwfw.example.gov.cn"))
        .isEqualTo("https://zwfw.example.gov.cn");
  }

  @Test
  void shouldStartTheImageTheWorkersDockerfileBuilds() throws IOException {
    // given the workers' Dockerfile and .dockerignore
    Path module =
        Handlers.WORKERS_MODULE.directory(InfraApp.repositoryRoot(Path.of("").toAbsolutePath()));
    List<String> dockerfile = Files.readAllLines(module.resolve("Dockerfile"));
    List<String> ignored = Files.readAllLines(module.resolve(".dockerignore"));
    // then its CMD is the task's command
    String cmd =
        dockerfile.stream().filter(line -> line.startsWith("CMD ")).findFirst().orElseThrow();
    assertThat(cmd)
        .isEqualTo(
            "CMD ["
                + String.join(
                    ", ", WorkersStack.COMMAND.stream().map(arg -> "\"" + arg + "\"").toList())
                + "]");
    // and it puts the classpath and the logging configuration where the command looks for them
    List<String[]> copies =
        dockerfile.stream()
            .filter(line -> line.startsWith("COPY "))
            .map(line -> line.substring(5).trim().split("\\s+"))
            .toList();
    assertThat(copies)
        .extracting(copy -> copy[1])
        .contains(WorkersStack.IMAGE_CLASSPATH.replace("*", ""), WorkersStack.IMAGE_LOGBACK);
    // and the build context keeps every file it copies
    for (String[] copy : copies) {
      String source = copy[0].endsWith("/") ? copy[0].substring(0, copy[0].length() - 1) : copy[0];
      assertThat(ignored).as("re-included in .dockerignore").contains("!" + source);
    }
  }
}
