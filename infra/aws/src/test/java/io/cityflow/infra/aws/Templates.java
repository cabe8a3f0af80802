package io.cityflow.infra.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awscdk.assertions.Template;

/** Reads parts of a synthesized template that CDK's matchers cannot express directly. */
public final class Templates {

  private Templates() {}

  /** Resources of one type by logical id, each as its full JSON map. */
  public static Map<String, Map<String, Object>> resources(Template template, String type) {
    return new LinkedHashMap<>(template.findResources(type));
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
  }

  /** The Java Lambda functions, by handler class. */
  public static Map<String, Map<String, Object>> javaFunctionsByHandler(Template template) {
    Map<String, Map<String, Object>> byHandler = new LinkedHashMap<>();
    resources(template, "AWS::Lambda::Function")
        .values()
        .forEach(
            function -> {
              Map<String, Object> props = properties(function);
              if (String.valueOf(props.get("Runtime")).startsWith("java")) {
                byHandler.put((String) props.get("Handler"), props);
              }
            });
    return byHandler;
  }

  /** The environment variables of a function's properties. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> environment(Map<String, Object> functionProperties) {
    Map<String, Object> env =
        (Map<String, Object>) functionProperties.getOrDefault("Environment", Map.of());
    return (Map<String, Object>) env.getOrDefault("Variables", Map.of());
  }

  /** The logical id of the role a function runs as ({@code Role: {Fn::GetAtt: [id, Arn]}}). */
  @SuppressWarnings("unchecked")
  public static String roleOf(Map<String, Object> functionProperties) {
    Map<String, Object> role = (Map<String, Object>) functionProperties.get("Role");
    return (String) ((List<Object>) role.get("Fn::GetAtt")).get(0);
  }

  /** Every statement of the inline policies attached to a role. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> statementsOf(Template template, String roleId) {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Map<String, Object> policy : resources(template, "AWS::IAM::Policy").values()) {
      Map<String, Object> props = properties(policy);
      List<Object> roles = (List<Object>) props.getOrDefault("Roles", List.of());
      if (roles.contains(Map.of("Ref", roleId))) {
        Map<String, Object> document = (Map<String, Object>) props.get("PolicyDocument");
        statements.addAll((List<Map<String, Object>>) document.get("Statement"));
      }
    }
    return statements;
  }

  /** A statement's actions, whether the template holds one string or a list. */
  @SuppressWarnings("unchecked")
  public static List<String> actions(Map<String, Object> statement) {
    Object action = statement.get("Action");
    return action instanceof List<?> list ? (List<String>) list : List.of((String) action);
  }

  /** Every action the role's inline policies allow, sorted. */
  public static List<String> allowedActions(Template template, String roleId) {
    return statementsOf(template, roleId).stream()
        .filter(statement -> "Allow".equals(statement.get("Effect")))
        .flatMap(statement -> actions(statement).stream())
        .filter(Objects::nonNull)
        .sorted()
        .collect(Collectors.toList());
  }

  /** The statement with this Sid among the role's policies. */
  public static Map<String, Object> statement(Template template, String roleId, String sid) {
    return statementsOf(template, roleId).stream()
        .filter(statement -> sid.equals(statement.get("Sid")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no statement " + sid + " for role " + roleId));
  }
}
