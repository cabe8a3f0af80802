package io.cityflow.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Topology;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reports the workflow engine as the "engine" part of {@code GET /health}. */
@Singleton
@Readiness
class EngineHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final CamundaClient client;
  private final CamundaProperties properties;

  EngineHealthIndicator(CamundaClient client, CamundaProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("restAddress", properties.getRestAddress().toString());
    try {
      Topology topology = client.newTopologyRequest().requestTimeout(TIMEOUT).send().join();
      healthStatus = topology.getBrokers().isEmpty() ? HealthStatus.DOWN : HealthStatus.UP;
      details.put("gatewayVersion", topology.getGatewayVersion());
      details.put("brokers", topology.getBrokers().size());
      details.put("partitions", topology.getPartitionsCount());
    } catch (RuntimeException e) {
      healthStatus = HealthStatus.DOWN;
      details.put("error", String.valueOf(e.getMessage()));
    }
    return details;
  }

  @Override
  protected String getName() {
    return "engine";
  }
}
