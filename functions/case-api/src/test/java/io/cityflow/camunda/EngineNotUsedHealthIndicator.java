package io.cityflow.camunda;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;

/** The case API tests run without an engine: they use a fake task engine instead. */
@Singleton
@Readiness
@Replaces(EngineHealthIndicator.class)
class EngineNotUsedHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
  @Override
  protected Map<String, Object> getHealthInformation() {
    healthStatus = HealthStatus.UP;
    return Map.of("engine", "not used in case-api tests");
  }

  @Override
  protected String getName() {
    return "engine";
  }
}
