package io.cityflow.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * Rules every stack keeps: no IAM statement allows a whole service or everything, the platform's
 * own roles (functions and the workers' task role) name every action exactly, and no environment
 * variable carries a secret value.
 */
class LeastPrivilegeTest {

  private static final List<String> STACKS =
      List.of("NetworkData", "Api", "Devices", "Workers", "Operations");
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          ".*(PASSWORD|SECRET|TOKEN|PRIVATE_KEY|ACCESS_KEY|API_KEY)$|CAMUNDA_CLIENT_ID");

  /** Values that look like credentials whatever the variable is called. */
  private static final Pattern SECRET_VALUE =
      Pattern.compile(
          "(?i).*(password=|passwd=|secret=|client_secret|-----BEGIN|AKIA[0-9A-Z]{16}"
              + "|resolve:secretsmanager|resolve:ssm-secure|://[^/@:]+:[^/@]+@).*");

  @Test
  void shouldNeverAllowAllActionsOfAService() {
    // given every inline policy of every stack in both environments
    List<String> violations = new ArrayList<>();
    for (String env : List.of("dev", "prod")) {
      for (String stack : STACKS) {
        Template template = SynthesizedApp.template(env, stack);
        Templates.resources(template, "AWS::IAM::Role")
            .keySet()
            .forEach(
                role ->
                    Templates.statementsOf(template, role).stream()
                        .filter(statement -> "Allow".equals(statement.get("Effect")))
                        .flatMap(statement -> Templates.actions(statement).stream())
                        .filter(action -> action.equals("*") || action.endsWith(":*"))
                        .forEach(
                            action ->
                                violations.add(env + "/" + stack + "/" + role + ": " + action)));
      }
    }
    // then none allows "*" or "service:*"
    assertThat(violations).isEmpty();
  }

  @Test
  void shouldNameEveryActionOfThePlatformsOwnRoles() {
    // given the roles the platform's code runs as
    List<String> violations = new ArrayList<>();
    int roles = 0;
    for (String env : List.of("dev", "prod")) {
      for (String stack : List.of("Api", "Devices", "Workers")) {
        Template template = SynthesizedApp.template(env, stack);
        List<String> ownRoles = new ArrayList<>();
        Templates.javaFunctionsByHandler(template)
            .values()
            .forEach(function -> ownRoles.add(Templates.roleOf(function)));
        Templates.resources(template, "AWS::IAM::Role").keySet().stream()
            .filter(id -> id.startsWith("TaskTaskRole"))
            .forEach(ownRoles::add);
        roles += ownRoles.size();
        for (String role : ownRoles) {
          Templates.allowedActions(template, role).stream()
              .filter(action -> action.contains("*"))
              .forEach(action -> violations.add(env + "/" + stack + "/" + role + ": " + action));
        }
      }
    }
    // then three functions and one task role per environment use no wildcard action at all
    assertThat(roles).isEqualTo(8);
    assertThat(violations).isEmpty();
  }

  @SuppressWarnings("unchecked")
  @Test
  void shouldKeepSecretValuesOutOfEnvironmentVariables() {
    // given every variable of every function and container in both environments
    List<String> violations = new ArrayList<>();
    int checked = 0;
    for (String env : List.of("dev", "prod")) {
      for (String stack : STACKS) {
        Template template = SynthesizedApp.template(env, stack);
        List<Map<String, Object>> variables = new ArrayList<>();
        Templates.resources(template, "AWS::Lambda::Function")
            .values()
            .forEach(
                function ->
                    Templates.environment(Templates.properties(function))
                        .forEach(
                            (name, value) -> variables.add(Map.of("Name", name, "Value", value))));
        Templates.resources(template, "AWS::ECS::TaskDefinition")
            .values()
            .forEach(
                task ->
                    ((List<Map<String, Object>>)
                            Templates.properties(task).get("ContainerDefinitions"))
                        .forEach(
                            container ->
                                variables.addAll(
                                    (List<Map<String, Object>>)
                                        container.getOrDefault("Environment", List.of()))));
        for (Map<String, Object> variable : variables) {
          checked++;
          String name = (String) variable.get("Name");
          String value = String.valueOf(variable.get("Value"));
          if (SECRET_NAME.matcher(name).matches() || SECRET_VALUE.matcher(value).matches()) {
            violations.add(env + "/" + stack + ": " + name);
          }
        }
      }
    }
    // then no variable is named like a secret, holds a value shaped like one (a password in a
    // URL, a key, an access key id) or resolves one; secrets travel as ARNs only
    assertThat(checked).isGreaterThan(40);
    assertThat(violations).isEmpty();
  }
}
