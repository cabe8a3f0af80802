package io.cityflow.cases.worker;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Opens the case job workers against the engine at startup and closes them at shutdown. */
@Singleton
@Requires(property = "cityflow.workers.enabled", notEquals = "false")
class JobWorkers {
  private final CamundaClient client;
  private final UpdateCaseStatusWorker updateStatus;
  private final List<JobWorker> open = new ArrayList<>();

  JobWorkers(CamundaClient client, UpdateCaseStatusWorker updateStatus) {
    this.client = client;
    this.updateStatus = updateStatus;
  }

  @EventListener
  void start(StartupEvent event) {
    open.add(
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

  @PreDestroy
  void stop() {
    open.forEach(JobWorker::close);
  }
}
