package io.cityflow.cases.worker;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Opens the case job workers against the engine at startup and closes them at shutdown. */
@Singleton
@Requires(property = "cityflow.workers.enabled", notEquals = "false")
class JobWorkers {
  private final CamundaClient client;
  private final UpdateCaseStatusWorker updateStatus;
  private final Map<String, JobWorker> open = new LinkedHashMap<>();

  JobWorkers(CamundaClient client, UpdateCaseStatusWorker updateStatus) {
    this.client = client;
    this.updateStatus = updateStatus;
  }

  @EventListener
  void start(StartupEvent event) {
    open.put(
        updateStatus.jobType(),
        client
            .newWorker()
            .jobType(updateStatus.jobType())
            .handler(
                (jobClient, job) -> {
                  updateStatus.handle(job.getVariablesAsMap(), job.getProcessInstanceKey());
                  jobClient.newCompleteCommand(job.getKey()).send().join();
                })
            .name("cityflow-case-status")
            .timeout(Duration.ofMinutes(1))
            .open());
  }

  /** The job types polled, each with whether its worker is open. */
  Map<String, Boolean> status() {
    Map<String, Boolean> status = new LinkedHashMap<>();
    open.forEach((type, worker) -> status.put(type, worker.isOpen()));
    return status;
  }

  @PreDestroy
  void stop() {
    open.values().forEach(JobWorker::close);
  }
}
