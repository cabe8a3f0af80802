package io.cityflow.cases.worker;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one Camunda job worker per {@link CaseJobWorker} at startup and closes them at shutdown. A
 * {@link BpmnError} becomes the job's throw-error command; any other exception fails the job with
 * one retry fewer after a back-off, so the engine retries and finally raises an incident.
 */
@Singleton
@Requires(property = "cityflow.workers.enabled", notEquals = "false")
class JobWorkers {
  private static final Logger LOG = LoggerFactory.getLogger(JobWorkers.class);

  /** Long enough for a passing outage (database failover, provider throttling) to clear. */
  static final Duration FAILURE_BACKOFF = Duration.ofSeconds(10);

  private final CamundaClient client;
  private final List<CaseJobWorker> workers;
  private final Map<String, JobWorker> open = new LinkedHashMap<>();

  JobWorkers(CamundaClient client, List<CaseJobWorker> workers) {
    this.client = client;
    this.workers = workers;
  }

  @EventListener
  void start(StartupEvent event) {
    for (CaseJobWorker worker : workers) {
      open.put(
          worker.jobType(),
          client
              .newWorker()
              .jobType(worker.jobType())
              .handler((jobClient, job) -> run(worker, jobClient, job))
              .name("cityflow-" + worker.jobType())
              .timeout(Duration.ofMinutes(1))
              .open());
    }
  }

  static void run(CaseJobWorker worker, JobClient jobClient, ActivatedJob activated) {
    Job job =
        new Job(
            activated.getKey(),
            activated.getProcessInstanceKey(),
            activated.getBpmnProcessId(),
            activated.getVariablesAsMap());
    Map<String, Object> result;
    try {
      result = worker.handle(job);
    } catch (BpmnError e) {
      jobClient
          .newThrowErrorCommand(activated.getKey())
          .errorCode(e.code())
          .errorMessage(e.getMessage())
          .send()
          .join();
      return;
    } catch (RuntimeException e) {
      int retries = Math.max(activated.getRetries() - 1, 0);
      LOG.warn(
          "{} job {} failed ({} retries left): {}",
          worker.jobType(),
          activated.getKey(),
          retries,
          e.toString());
      jobClient
          .newFailCommand(activated.getKey())
          .retries(retries)
          .retryBackoff(FAILURE_BACKOFF)
          .errorMessage(e.toString())
          .send()
          .join();
      return;
    }
    jobClient.newCompleteCommand(activated.getKey()).variables(result).send().join();
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
