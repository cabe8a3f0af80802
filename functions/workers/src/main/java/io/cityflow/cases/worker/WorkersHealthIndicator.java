package io.cityflow.cases.worker;

import io.cityflow.cases.Outbox;
import io.micronaut.context.BeanProvider;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports the workers as the "workers" part of {@code GET /health}: the job workers polling the
 * engine and the outbox waiting to be dispatched.
 */
@Singleton
@Readiness
class WorkersHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

  private final BeanProvider<JobWorkers> jobWorkers;
  private final Outbox outbox;

  WorkersHealthIndicator(BeanProvider<JobWorkers> jobWorkers, Outbox outbox) {
    this.jobWorkers = jobWorkers;
    this.outbox = outbox;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean up = true;
    if (jobWorkers.isPresent()) {
      Map<String, Boolean> workers = jobWorkers.get().status();
      details.put("jobWorkers", workers);
      up = !workers.containsValue(false);
    }
    try {
      details.put("outboxPending", outbox.pendingCount());
    } catch (RuntimeException e) {
      up = false;
      details.put("outboxError", String.valueOf(e.getMessage()));
    }
    healthStatus = up ? HealthStatus.UP : HealthStatus.DOWN;
    return details;
  }

  @Override
  protected String getName() {
    return "workers";
  }
}
