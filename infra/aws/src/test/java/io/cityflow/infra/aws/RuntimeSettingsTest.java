package io.cityflow.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * What every workload (the three functions and the workers' task) is given to reach the database
 * and Camunda: the same settings under the same keys, and exactly the right to read the two secrets
 * whose ARNs it gets. The code side is {@code functions/camunda-support} (docs/adr/0012).
 */
class RuntimeSettingsTest {

  /** The keys camunda-support and the datasource read; every workload must get all of them. */
  private static final List<String> SHARED_KEYS =
      List.of(
          EnvVars.MICRONAUT_ENVIRONMENTS,
          EnvVars.ENVIRONMENT,
          EnvVars.DATASOURCE_URL,
          EnvVars.DATASOURCE_DRIVER,
          EnvVars.DATASOURCE_DIALECT,
          EnvVars.DATABASE_SECRET_ARN,
          EnvVars.CITYFLOW_CAMUNDA_REST_ADDRESS,
          EnvVars.CITYFLOW_CAMUNDA_AUDIENCE,
          EnvVars.CITYFLOW_CAMUNDA_AUTHORIZATION_SERVER_URL,
          EnvVars.CAMUNDA_CREDENTIALS_SECRET_ARN);

  /** A function or the task: the role it runs as and its environment. */
  private record Workload(String name, String role, Map<String, Object> environment) {}

  @Test
  void shouldGiveEveryWorkloadTheSameSettingsUnderTheSameKeys() {
    for (String env : List.of("dev", "prod")) {
      // given every workload of the environment
      List<Workload> workloads = workloads(env);
      assertThat(workloads).hasSize(4);
      Map<String, Object> first = shared(workloads.get(0));
      for (Workload workload : workloads) {
        // then each has every shared key, with the same value as the others
        assertThat(workload.environment())
            .as(workload.name())
            .containsKeys(SHARED_KEYS.toArray(String[]::new));
        assertThat(shared(workload)).as(workload.name()).isEqualTo(first);
        // and the Camunda client's own variables, which camunda-support ignores, are not set
        assertThat(workload.environment().keySet())
            .as(workload.name())
            .noneMatch(key -> key.startsWith("CAMUNDA_"));
      }
      assertThat(first).containsEntry(EnvVars.MICRONAUT_ENVIRONMENTS, "aws");
    }
  }

  @Test
  void shouldLetEachWorkloadReadExactlyTheTwoSecretsItIsGiven() {
    for (String env : List.of("dev", "prod")) {
      for (Workload workload : workloads(env)) {
        // given the statements of its role that mention Secrets Manager
        Template template = SynthesizedApp.template(env, stackOf(workload));
        List<Map<String, Object>> secretStatements =
            Templates.statementsOf(template, workload.role()).stream()
                .filter(statement -> statement.toString().contains("secretsmanager"))
                .toList();
        // then there is one: GetSecretValue on the database and Camunda secrets it is told about
        assertThat(secretStatements).as(workload.name()).hasSize(1);
        Map<String, Object> statement = secretStatements.get(0);
        assertThat(statement)
            .as(workload.name())
            .containsEntry("Effect", "Allow")
            .containsEntry("Action", "secretsmanager:GetSecretValue");
        assertThat(new ArrayList<Object>((List<?>) statement.get("Resource")))
            .as(workload.name())
            .containsExactlyInAnyOrder(
                workload.environment().get(EnvVars.DATABASE_SECRET_ARN),
                workload.environment().get(EnvVars.CAMUNDA_CREDENTIALS_SECRET_ARN));
        // and those ARNs are the network-and-data stack's database and Camunda secrets
        assertThat(workload.environment().get(EnvVars.DATABASE_SECRET_ARN).toString())
            .contains("DatabaseSecret");
        assertThat(workload.environment().get(EnvVars.CAMUNDA_CREDENTIALS_SECRET_ARN).toString())
            .contains("CamundaCredentials");
      }
    }
  }

  @Test
  void shouldDeployTheWorkersWhichMigrateTheSchemaBeforeTheApi() {
    for (String env : List.of("dev", "prod")) {
      // then the API stack waits for the workers' stack, and devices do not
      assertThat(SynthesizedApp.dependencies(SynthesizedApp.stackName(env, "Api")))
          .contains(SynthesizedApp.stackName(env, "Workers"));
      assertThat(SynthesizedApp.dependencies(SynthesizedApp.stackName(env, "Devices")))
          .doesNotContain(SynthesizedApp.stackName(env, "Workers"));
    }
  }

  private static Map<String, Object> shared(Workload workload) {
    Map<String, Object> shared = new LinkedHashMap<>();
    SHARED_KEYS.forEach(key -> shared.put(key, workload.environment().get(key)));
    return shared;
  }

  private static String stackOf(Workload workload) {
    return workload.name().substring(0, workload.name().indexOf('/'));
  }

  @SuppressWarnings("unchecked")
  private static List<Workload> workloads(String env) {
    List<Workload> workloads = new ArrayList<>();
    for (String stack : List.of("Api", "Devices", "Workers")) {
      Template template = SynthesizedApp.template(env, stack);
      Templates.javaFunctionsByHandler(template)
          .forEach(
              (handler, function) ->
                  workloads.add(
                      new Workload(
                          stack + "/" + handler,
                          Templates.roleOf(function),
                          Templates.environment(function))));
      for (Map<String, Object> task :
          Templates.resources(template, "AWS::ECS::TaskDefinition").values()) {
        Map<String, Object> props = Templates.properties(task);
        String role =
            (String)
                ((List<Object>) ((Map<String, Object>) props.get("TaskRoleArn")).get("Fn::GetAtt"))
                    .get(0);
        Map<String, Object> environment = new LinkedHashMap<>();
        for (Map<String, Object> container :
            (List<Map<String, Object>>) props.get("ContainerDefinitions")) {
          for (Map<String, Object> variable :
              (List<Map<String, Object>>) container.getOrDefault("Environment", List.of())) {
            environment.put((String) variable.get("Name"), variable.get("Value"));
          }
        }
        workloads.add(new Workload(stack + "/task", role, environment));
      }
    }
    Set<String> names = new TreeSet<>();
    workloads.forEach(workload -> names.add(workload.name()));
    assertThat(names).hasSize(workloads.size());
    return workloads;
  }
}
