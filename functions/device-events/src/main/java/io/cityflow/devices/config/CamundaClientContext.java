package io.cityflow.devices.config;

import io.camunda.client.CamundaClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Lambda handler's {@link CamundaClient}, built by camunda-support (the one place every part
 * builds its client, with its secrets and OAuth handling) in a small Micronaut context of its own.
 * The context starts when the client is first needed: at the first signal, or when SnapStart
 * priming asks for it. It sees only the {@code cityflow.camunda.*} and {@code cityflow.secrets.*}
 * settings, so that it builds no datasource or anything else of the function's.
 */
final class CamundaClientContext implements AutoCloseable {
  private static final List<String> KEYS =
      List.of(
          "cityflow.camunda.rest-address",
          "cityflow.camunda.request-timeout",
          "cityflow.camunda.client-id",
          "cityflow.camunda.client-secret",
          "cityflow.camunda.authorization-server-url",
          "cityflow.camunda.audience",
          "cityflow.camunda.credentials-secret-arn",
          "cityflow.secrets.min-reread-interval");

  private final DeviceSettings settings;
  private ApplicationContext context;
  private CamundaClient client;

  CamundaClientContext(DeviceSettings settings) {
    this.settings = settings;
  }

  synchronized CamundaClient client() {
    if (client == null) {
      Map<String, Object> properties = new HashMap<>();
      for (String key : KEYS) {
        String value = settings.get(key);
        if (value != null) {
          properties.put(key, value);
        }
      }
      List<String> environments = new ArrayList<>(List.of(Environment.FUNCTION));
      String configured = settings.get("micronaut.environments");
      if (configured != null) {
        for (String name : configured.split(",")) {
          if (!name.isBlank()) {
            environments.add(name.strip());
          }
        }
      }
      context =
          ApplicationContext.builder()
              .enableDefaultPropertySources(false)
              .deduceEnvironment(false)
              .environments(environments.toArray(String[]::new))
              .properties(properties)
              .start();
      client = context.getBean(CamundaClient.class);
    }
    return client;
  }

  @Override
  public synchronized void close() {
    if (context != null) {
      context.close();
      context = null;
      client = null;
    }
  }
}
