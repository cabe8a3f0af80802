package io.cityflow.engine.api;

import io.cityflow.engine.model.EngineException;
import io.cityflow.engine.processor.CommandProcessor;
import io.cityflow.engine.processor.CommandProcessor.JobRequest;
import io.cityflow.engine.runtime.ActivatedJob;
import io.cityflow.engine.runtime.Decision;
import io.cityflow.engine.runtime.ElementInstanceRecord;
import io.cityflow.engine.runtime.EngineClock;
import io.cityflow.engine.runtime.Executor;
import io.cityflow.engine.runtime.Executor.Deployment;
import io.cityflow.engine.runtime.Executor.Resource;
import io.cityflow.engine.runtime.Form;
import io.cityflow.engine.runtime.Incident;
import io.cityflow.engine.runtime.Migration;
import io.cityflow.engine.runtime.ProcessDefinition;
import io.cityflow.engine.runtime.ProcessInstance;
import io.cityflow.engine.runtime.UserTask;
import io.cityflow.engine.runtime.Variable;
import io.cityflow.engine.scheduler.Scheduler;
import io.cityflow.engine.state.Criterion;
import io.cityflow.engine.state.JdbcStore;
import io.cityflow.engine.state.SearchPage;
import io.cityflow.engine.state.SearchQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The engine for in-process use. Commands return futures that complete once the change is
 * committed; queries read committed state and return at once.
 */
public final class Engine {

  /** A created instance; {@code variables} holds the final variables when it was awaited. */
  public record InstanceResult(ProcessInstance instance, Map<String, Object> variables) {}

  /** A message's key and the first process instance it reached, if any. */
  public record MessageResult(long messageKey, Long processInstanceKey) {}

  private final CommandProcessor processor;
  private final JdbcStore store;
  private final EngineClock clock;
  private final Scheduler scheduler;

  public Engine(
      CommandProcessor processor, JdbcStore store, EngineClock clock, Scheduler scheduler) {
    this.processor = processor;
    this.store = store;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  // ---- Commands

  public CompletableFuture<Deployment> deploy(List<Resource> resources) {
    return processor.submit(executor -> executor.deploy(resources));
  }

  public CompletableFuture<InstanceResult> createProcessInstance(
      String bpmnProcessId, int version, Map<String, Object> variables) {
    return processor.submit(
        executor ->
            new InstanceResult(
                executor.createInstance(executor.definition(bpmnProcessId, version), variables),
                Map.of()));
  }

  public CompletableFuture<InstanceResult> createProcessInstance(
      long processDefinitionKey, Map<String, Object> variables) {
    return processor.submit(
        executor ->
            new InstanceResult(
                executor.createInstance(executor.definition(processDefinitionKey), variables),
                Map.of()));
  }

  /**
   * Creates an instance and completes when it has ended, with its final variables; fails with a
   * timeout when it takes longer than {@code timeoutMillis}.
   */
  public CompletableFuture<InstanceResult> createProcessInstanceAndAwait(
      String bpmnProcessId,
      Long processDefinitionKey,
      int version,
      Map<String, Object> variables,
      long timeoutMillis) {
    ProcessInstance[] created = new ProcessInstance[1];
    return processor
        .awaitCompletion(
            executor -> {
              ProcessDefinition definition =
                  processDefinitionKey != null
                      ? executor.definition(processDefinitionKey)
                      : executor.definition(bpmnProcessId, version);
              created[0] = executor.createInstance(definition, variables);
              return created[0].key;
            },
            timeoutMillis)
        .thenApply(result -> new InstanceResult(created[0], castMap(result)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object value) {
    return (Map<String, Object>) value;
  }

  public CompletableFuture<Void> cancelProcessInstance(long processInstanceKey) {
    return run(executor -> executor.cancel(processInstanceKey));
  }

  /**
   * Moves an active instance to another process definition; {@code mappings} maps each active
   * element's id to an element of the same type in the target.
   */
  public CompletableFuture<Void> migrateProcessInstance(
      long processInstanceKey, long targetProcessDefinitionKey, Map<String, String> mappings) {
    return run(
        executor ->
            Migration.migrate(executor, processInstanceKey, targetProcessDefinitionKey, mappings));
  }

  public CompletableFuture<MessageResult> publishMessage(
      String name,
      String correlationKey,
      long timeToLiveMillis,
      String messageId,
      Map<String, Object> variables) {
    return processor.submit(
        executor ->
            new MessageResult(
                executor.publish(name, correlationKey, timeToLiveMillis, messageId, variables),
                null));
  }

  public CompletableFuture<MessageResult> correlateMessage(
      String name, String correlationKey, Map<String, Object> variables) {
    return processor.submit(
        executor -> {
          long[] result = executor.correlate(name, correlationKey, variables);
          return new MessageResult(result[0], result[1]);
        });
  }

  /** Broadcasts a signal; the answer is the signal's key. */
  public CompletableFuture<Long> broadcastSignal(String signalName, Map<String, Object> variables) {
    return processor.submit(executor -> executor.broadcastSignal(signalName, variables));
  }

  /** Evaluates the latest decision with this id, or the decision with this key. */
  public CompletableFuture<Executor.Evaluation> evaluateDecision(
      String decisionId, Long decisionKey, Map<String, Object> variables) {
    return processor.submit(
        executor -> executor.evaluateDecision(decisionId, decisionKey, variables));
  }

  /**
   * Activates up to {@code max} jobs, waiting for some a little less than {@code
   * requestTimeoutMillis} (see {@link CommandProcessor#longPollMillis}), counted from this call.
   */
  public CompletableFuture<List<ActivatedJob>> activateJobs(
      String type,
      String worker,
      long timeoutMillis,
      int max,
      List<String> fetchVariables,
      long requestTimeoutMillis) {
    long deadline =
        System.nanoTime()
            + TimeUnit.MILLISECONDS.toNanos(CommandProcessor.longPollMillis(requestTimeoutMillis));
    return processor.activateJobs(
        new JobRequest(type, worker, timeoutMillis, max, fetchVariables), deadline);
  }

  /**
   * Makes jobs activatable again at once, as if their locks had lapsed; for jobs whose activation
   * could not be delivered. A job is only released while it still holds the lock given at that
   * activation ({@code deadline}), so a completed, failed or re-locked job stays as it is.
   */
  public CompletableFuture<Void> releaseJobs(Map<Long, Long> deadlinesByJobKey) {
    return run(executor -> executor.releaseJobs(deadlinesByJobKey));
  }

  public CompletableFuture<Void> completeJob(long jobKey, Map<String, Object> variables) {
    return run(executor -> executor.completeJob(jobKey, variables));
  }

  public CompletableFuture<Void> failJob(
      long jobKey,
      int retries,
      String errorMessage,
      long retryBackOffMillis,
      Map<String, Object> variables) {
    return run(
        executor -> executor.failJob(jobKey, retries, errorMessage, retryBackOffMillis, variables));
  }

  public CompletableFuture<Void> throwError(
      long jobKey, String errorCode, String errorMessage, Map<String, Object> variables) {
    return run(executor -> executor.throwError(jobKey, errorCode, errorMessage, variables));
  }

  public CompletableFuture<Void> updateJob(long jobKey, Integer retries, Long timeoutMillis) {
    return run(executor -> executor.updateJob(jobKey, retries, timeoutMillis));
  }

  public CompletableFuture<Void> assignUserTask(
      long userTaskKey, String assignee, boolean allowOverride) {
    return explainEndedTask(
        userTaskKey,
        run(executor -> executor.assignUserTask(userTaskKey, assignee, allowOverride)));
  }

  public CompletableFuture<Void> unassignUserTask(long userTaskKey) {
    return explainEndedTask(userTaskKey, run(executor -> executor.unassignUserTask(userTaskKey)));
  }

  public CompletableFuture<Void> completeUserTask(long userTaskKey, Map<String, Object> variables) {
    return explainEndedTask(
        userTaskKey, run(executor -> executor.completeUserTask(userTaskKey, variables)));
  }

  public CompletableFuture<Void> resolveIncident(long incidentKey) {
    return run(executor -> executor.resolveIncident(incidentKey));
  }

  public CompletableFuture<Void> setVariables(
      long elementInstanceKey, Map<String, Object> variables, boolean local) {
    return run(executor -> executor.setVariables(elementInstanceKey, variables, local));
  }

  /** Pins the engine clock; due timers fire right after. */
  public void pinClock(long epochMillis) {
    clock.pin(epochMillis);
    scheduler.tick();
  }

  public void resetClock() {
    clock.reset();
    scheduler.tick();
  }

  public long now() {
    return clock.millis();
  }

  private CompletableFuture<Void> run(java.util.function.Consumer<Executor> command) {
    return processor.submit(
        executor -> {
          command.accept(executor);
          return null;
        });
  }

  /** A task that is not active may have ended: then the caller hears it is in the wrong state. */
  private CompletableFuture<Void> explainEndedTask(
      long userTaskKey, CompletableFuture<Void> command) {
    return command.handle(
        (ok, error) -> {
          if (error == null) {
            return ok;
          }
          Throwable cause = error instanceof CompletionException ? error.getCause() : error;
          if (cause instanceof EngineException e && e.kind() == EngineException.Kind.NOT_FOUND) {
            Optional<UserTask> ended = userTask(userTaskKey);
            if (ended.isPresent()) {
              throw new EngineException(
                  EngineException.Kind.INVALID_STATE,
                  "Expected user task "
                      + userTaskKey
                      + " to be CREATED, but it is "
                      + ended.get().state);
            }
          }
          throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        });
  }

  // ---- Queries

  public SearchPage<ProcessInstance> searchProcessInstances(SearchQuery query) {
    return store.searchProcessInstances(query);
  }

  public Optional<ProcessInstance> processInstance(long key) {
    return first(store.searchProcessInstances(byKey("process_instance_key", key)));
  }

  public SearchPage<UserTask> searchUserTasks(SearchQuery query) {
    return store.searchUserTasks(query);
  }

  public Optional<UserTask> userTask(long key) {
    return first(store.searchUserTasks(byKey("user_task_key", key)));
  }

  public SearchPage<ElementInstanceRecord> searchElementInstances(SearchQuery query) {
    return store.searchElementInstances(query);
  }

  public Optional<ElementInstanceRecord> elementInstance(long key) {
    return first(store.searchElementInstances(byKey("element_instance_key", key)));
  }

  public SearchPage<Incident> searchIncidents(SearchQuery query) {
    return store.searchIncidents(query);
  }

  public Optional<Incident> incident(long key) {
    return first(store.searchIncidents(byKey("incident_key", key)));
  }

  public SearchPage<Variable> searchVariables(SearchQuery query) {
    return store.searchVariables(query);
  }

  public Optional<Variable> variable(long key) {
    return first(store.searchVariables(byKey("variable_key", key)));
  }

  public SearchPage<ProcessDefinition> searchProcessDefinitions(SearchQuery query) {
    return store.searchProcessDefinitions(query);
  }

  public Optional<ProcessDefinition> processDefinition(long key) {
    return first(store.searchProcessDefinitions(byKey("process_definition_key", key)));
  }

  public Optional<String> processDefinitionXml(long key) {
    return store.processXml(key);
  }

  public SearchPage<Decision> searchDecisions(SearchQuery query) {
    return store.searchDecisions(query);
  }

  public Optional<Decision> decision(long key) {
    return first(store.searchDecisions(byKey("decision_definition_key", key)));
  }

  /** The DMN XML of a decision requirements graph. */
  public Optional<String> decisionRequirementsXml(long decisionRequirementsKey) {
    return store.decisionXml(decisionRequirementsKey);
  }

  public Optional<Form> form(long formKey) {
    return store.form(formKey);
  }

  /** The latest deployed form with this id, as a process start form links it. */
  public Optional<Form> latestForm(String formId) {
    return store.latestForm(formId);
  }

  private static SearchQuery byKey(String column, long key) {
    return new SearchQuery(List.of(Criterion.eq(column, key)), List.of(), 0, 1);
  }

  private static <T> Optional<T> first(SearchPage<T> page) {
    return page.items().stream().findFirst();
  }
}
