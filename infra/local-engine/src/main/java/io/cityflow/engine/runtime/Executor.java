package io.cityflow.engine.runtime;

import io.cityflow.engine.model.BpmnCompiler;
import io.cityflow.engine.model.ElementKind;
import io.cityflow.engine.model.EngineException;
import io.cityflow.engine.model.ExecutableProcess;
import io.cityflow.engine.model.ExpressionException;
import io.cityflow.engine.model.Flow;
import io.cityflow.engine.model.Mapping;
import io.cityflow.engine.model.Node;
import io.cityflow.engine.runtime.RuntimeState.Due;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Applies commands to the runtime state: it moves tokens through the executable graph and runs each
 * element kind's behaviour. Work caused by a command (taking flows, entering the next element) goes
 * onto an agenda that is drained before the command ends, so an instance only completes once no
 * token is left anywhere, including tokens still on their way.
 */
public final class Executor {

  /** A resource handed to a deployment. */
  public record Resource(String name, byte[] content) {}

  private RuntimeState state;
  private final BpmnCompiler compiler;
  private final EngineClock clock;
  private final ArrayDeque<Runnable> agenda = new ArrayDeque<>();
  private final Map<Long, Integer> tokensInFlight = new HashMap<>();
  private final Set<String> typesWithNewJobs = new HashSet<>();
  private final Map<Long, Map<String, Object>> finishedInstances = new LinkedHashMap<>();
  private final Set<Long> watchedInstances = new HashSet<>();
  private boolean watchNext;

  public Executor(RuntimeState state, BpmnCompiler compiler, EngineClock clock) {
    this.state = state;
    this.compiler = compiler;
    this.clock = clock;
  }

  public RuntimeState state() {
    return state;
  }

  /**
   * Replaces the working state with one freshly loaded from the database, after a batch that could
   * not be committed; every waiting job type is worth a look afterwards.
   */
  public void reset(RuntimeState loaded) {
    state = loaded;
    agenda.clear();
    tokensInFlight.clear();
    finishedInstances.clear();
    watchedInstances.clear();
    watchNext = false;
    typesWithNewJobs.clear();
    typesWithNewJobs.addAll(loaded.activatable.keySet());
  }

  public long now() {
    return clock.millis();
  }

  // ---- Deployment

  /** A finished deployment: its key and, per process or form, the version now in force. */
  public record Deployment(long key, List<DeployedResource> resources) {}

  public Deployment deploy(List<Resource> resources) {
    if (resources.isEmpty()) {
      throw EngineException.invalid("Expected at least one resource to deploy, but got none");
    }
    record Compiled(
        Resource resource, String checksum, List<ExecutableProcess> processes, Map<?, ?> form) {}
    List<Compiled> compiled = new ArrayList<>();
    for (Resource resource : resources) {
      String name = resource.name();
      String checksum = checksum(resource.content());
      if (name.endsWith(".bpmn") || name.endsWith(".xml")) {
        compiled.add(
            new Compiled(resource, checksum, compiler.compile(name, resource.content()), null));
      } else if (name.endsWith(".form")) {
        Map<?, ?> form = parseForm(name, resource.content());
        compiled.add(new Compiled(resource, checksum, null, form));
      } else {
        throw EngineException.invalid(
            "Resource '" + name + "' has an unsupported type; expected a .bpmn or .form file");
      }
    }
    long deploymentKey = state.newKey();
    List<DeployedResource> result = new ArrayList<>();
    for (Compiled c : compiled) {
      if (c.form() != null) {
        result.add(
            new DeployedResource(
                null, deployForm(c.resource(), c.checksum(), c.form(), deploymentKey)));
        continue;
      }
      String xml = new String(c.resource().content(), StandardCharsets.UTF_8);
      for (ExecutableProcess process : c.processes()) {
        result.add(
            new DeployedResource(
                deployProcess(c.resource().name(), xml, c.checksum(), process, deploymentKey),
                null));
      }
    }
    return new Deployment(deploymentKey, result);
  }

  private ProcessDefinition deployProcess(
      String resourceName,
      String xml,
      String checksum,
      ExecutableProcess graph,
      long deploymentKey) {
    ProcessDefinition latest = state.latestDefinitions.get(graph.bpmnProcessId());
    if (latest != null && latest.checksum.equals(checksum)) {
      return latest;
    }
    ProcessDefinition definition = new ProcessDefinition();
    definition.key = state.newKey();
    definition.bpmnProcessId = graph.bpmnProcessId();
    definition.name = graph.name();
    definition.version = latest == null ? 1 : latest.version + 1;
    definition.resourceName = resourceName;
    definition.checksum = checksum;
    definition.deploymentKey = deploymentKey;
    definition.startFormId = graph.startFormId();
    definition.xml = xml;
    definition.graph = graph;
    state.addDefinition(definition);
    return definition;
  }

  private Form deployForm(
      Resource resource, String checksum, Map<?, ?> schema, long deploymentKey) {
    String formId = String.valueOf(schema.get("id"));
    Form latest = state.latestForms.get(formId);
    if (latest != null && latest.checksum.equals(checksum)) {
      return latest;
    }
    Form form = new Form();
    form.key = state.newKey();
    form.formId = formId;
    form.version = latest == null ? 1 : latest.version + 1;
    form.resourceName = resource.name();
    form.checksum = checksum;
    form.deploymentKey = deploymentKey;
    form.schema = new String(resource.content(), StandardCharsets.UTF_8);
    state.addForm(form);
    return form;
  }

  private static Map<?, ?> parseForm(String name, byte[] content) {
    Object parsed;
    try {
      parsed = Json.read(new String(content, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw EngineException.invalid("Form '" + name + "' is not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> form)
        || !(form.get("id") instanceof String id)
        || id.isBlank()) {
      throw EngineException.invalid("Form '" + name + "' must be a JSON object with a string 'id'");
    }
    return form;
  }

  private static String checksum(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- Process instances

  public ProcessDefinition definition(String bpmnProcessId, int version) {
    ProcessDefinition latest = state.latestDefinitions.get(bpmnProcessId);
    if (latest == null) {
      throw EngineException.notFound(
          "Expected to find a process definition with id '"
              + bpmnProcessId
              + "', but none was deployed");
    }
    if (version < 0 || version == latest.version) {
      return latest;
    }
    return state.definitions.values().stream()
        .filter(d -> d.bpmnProcessId.equals(bpmnProcessId) && d.version == version)
        .findFirst()
        .orElseThrow(
            () ->
                EngineException.notFound(
                    "Expected to find version "
                        + version
                        + " of process definition '"
                        + bpmnProcessId
                        + "', but it does not exist"));
  }

  public ProcessDefinition definition(long key) {
    ProcessDefinition definition = state.definitions.get(key);
    if (definition == null) {
      throw EngineException.notFound(
          "Expected to find a process definition with key " + key + ", but none exists");
    }
    return definition;
  }

  public ProcessInstance createInstance(
      ProcessDefinition definition, Map<String, Object> variables) {
    Node start = definition.graph.noneStart();
    if (start == null) {
      throw EngineException.invalid(
          "Process '"
              + definition.bpmnProcessId
              + "' has no none start event to start an instance from");
    }
    return startInstance(definition, start, variables, null, null);
  }

  private ProcessInstance startInstance(
      ProcessDefinition definition,
      Node start,
      Map<String, Object> variables,
      Map<String, Object> startEventResult,
      String startCorrelationKey) {
    ProcessInstance instance = new ProcessInstance();
    instance.key = state.newKey();
    instance.processDefinitionKey = definition.key;
    instance.bpmnProcessId = definition.bpmnProcessId;
    instance.processDefinitionName = definition.name;
    instance.version = definition.version;
    instance.state = ProcessInstance.ACTIVE;
    instance.startDate = now();
    instance.startCorrelationKey = startCorrelationKey;
    if (watchNext) {
      watchedInstances.add(instance.key);
      watchNext = false;
    }
    state.putInstance(instance);
    if (variables != null) {
      variables.forEach(
          (name, value) -> state.setVariable(instance.key, instance.key, name, value));
    }
    ElementInstance element = newElement(instance, start);
    completeElement(instance, element, start, startEventResult);
    runAgenda();
    return instance;
  }

  public void cancel(long processInstanceKey) {
    ProcessInstance instance = activeInstance(processInstanceKey);
    for (ElementInstance element : List.copyOf(instance.elements.values())) {
      terminate(instance, element);
    }
    instance.joinArrivals.clear();
    finish(instance, ProcessInstance.TERMINATED);
  }

  private ProcessInstance activeInstance(long key) {
    ProcessInstance instance = state.instances.get(key);
    if (instance == null) {
      throw EngineException.notFound(
          "Expected to find an active process instance with key " + key + ", but none was found");
    }
    return instance;
  }

  /** Asks the executor to keep the final variables of the next instance it starts. */
  public void watchNextInstance() {
    watchNext = true;
  }

  public boolean hasFinished(long processInstanceKey) {
    return finishedInstances.containsKey(processInstanceKey);
  }

  /** The final variables of a watched instance that ended in this batch. */
  public Map<String, Object> finishedVariables(long processInstanceKey) {
    Map<String, Object> variables = finishedInstances.get(processInstanceKey);
    return variables == null ? Map.of() : variables;
  }

  /** Instances that ended since the last call, with the final variables of watched ones. */
  public Map<Long, Map<String, Object>> drainFinishedInstances() {
    Map<Long, Map<String, Object>> drained = new LinkedHashMap<>(finishedInstances);
    finishedInstances.clear();
    return drained;
  }

  public Set<String> drainTypesWithNewJobs() {
    Set<String> drained = Set.copyOf(typesWithNewJobs);
    typesWithNewJobs.clear();
    return drained;
  }

  // ---- Token movement

  private ElementInstance newElement(ProcessInstance instance, Node node) {
    ElementInstance element = new ElementInstance();
    element.key = state.newKey();
    element.elementId = node.id;
    element.state = ElementInstance.ACTIVE;
    state.addElement(instance, element);
    return element;
  }

  private void runAgenda() {
    while (!agenda.isEmpty()) {
      agenda.poll().run();
    }
  }

  private void takeFlows(ProcessInstance instance, Collection<Flow> flows) {
    tokensInFlight.merge(instance.key, flows.size(), Integer::sum);
    for (Flow flow : flows) {
      agenda.add(
          () -> {
            tokensInFlight.merge(instance.key, -1, Integer::sum);
            if (ProcessInstance.ACTIVE.equals(instance.state)) {
              arrive(instance, flow);
            }
          });
    }
  }

  private void arrive(ProcessInstance instance, Flow flow) {
    Node target = flow.target();
    if (target.kind == ElementKind.PARALLEL_GATEWAY && target.incomingFlowIds.size() > 1) {
      instance.joinArrivals.merge(target.id + ' ' + flow.id(), 1, Integer::sum);
      for (String incoming : target.incomingFlowIds) {
        if (instance.joinArrivals.getOrDefault(target.id + ' ' + incoming, 0) < 1) {
          state.touch(instance);
          return;
        }
      }
      for (String incoming : target.incomingFlowIds) {
        instance.joinArrivals.computeIfPresent(
            target.id + ' ' + incoming, (k, v) -> v == 1 ? null : v - 1);
      }
    }
    activate(instance, newElement(instance, target), target);
  }

  private void activate(ProcessInstance instance, ElementInstance element, Node node) {
    String step = "input mappings";
    try {
      applyInputs(instance, element, node);
      switch (node.kind) {
        case SERVICE_TASK -> {
          step = "job type and retries";
          createJob(instance, element, node);
        }
        case USER_TASK -> {
          step = "user task properties";
          createUserTask(instance, element, node);
        }
        case SCRIPT_TASK -> {
          step = "script";
          Object result = Json.plain(node.script.evaluate(context(instance, element)));
          Map<String, Object> variables = new HashMap<>();
          variables.put(node.resultVariable, result);
          completeElement(instance, element, node, variables);
        }
        case EXCLUSIVE_GATEWAY -> {
          step = "conditions";
          Flow chosen = chooseFlow(instance, element, node);
          if (chosen == null) {
            raiseIncident(
                instance,
                element,
                "CONDITION_ERROR",
                "Expected at least one condition of gateway '"
                    + node.id
                    + "' to evaluate to true, or to have a default flow",
                "ACTIVATE",
                null);
            return;
          }
          leave(instance, element, List.of(chosen));
        }
        case MESSAGE_CATCH_EVENT -> {
          step = "message name and correlation key";
          openSubscription(instance, element, node);
        }
        case TIMER_CATCH_EVENT -> {
          step = "timer";
          createTimer(instance, element, node);
        }
        default -> completeElement(instance, element, node, null);
      }
    } catch (ExpressionException e) {
      raiseIncident(
          instance,
          element,
          errorType(node, step),
          "Failed to evaluate the " + step + " of '" + node.id + "': " + e.getMessage(),
          "ACTIVATE",
          null);
    }
  }

  private static String errorType(Node node, String step) {
    if (step.equals("input mappings")) {
      return "IO_MAPPING_ERROR";
    }
    if (node.kind == ElementKind.EXCLUSIVE_GATEWAY) {
      return "CONDITION_ERROR";
    }
    return "EXTRACT_VALUE_ERROR";
  }

  /**
   * Completes an element: result variables are applied (locally plus output mappings, or merged
   * upward when there are none), then the token leaves by the element's outgoing flows.
   */
  private void completeElement(
      ProcessInstance instance, ElementInstance element, Node node, Map<String, Object> result) {
    try {
      applyOutputs(instance, element, node, result);
    } catch (ExpressionException e) {
      raiseIncident(
          instance,
          element,
          "IO_MAPPING_ERROR",
          "Failed to evaluate the output mappings of '" + node.id + "': " + e.getMessage(),
          "COMPLETE",
          null);
      return;
    }
    leave(instance, element, node.outgoing);
  }

  private void leave(ProcessInstance instance, ElementInstance element, List<Flow> flows) {
    state.removeElement(instance, element);
    if (!flows.isEmpty()) {
      takeFlows(instance, flows);
    } else {
      agenda.add(() -> completeInstanceIfDone(instance));
    }
  }

  private void completeInstanceIfDone(ProcessInstance instance) {
    if (ProcessInstance.ACTIVE.equals(instance.state)
        && instance.elements.isEmpty()
        && tokensInFlight.getOrDefault(instance.key, 0) == 0
        && instance.joinArrivals.isEmpty()) {
      finish(instance, ProcessInstance.COMPLETED);
    }
  }

  private void finish(ProcessInstance instance, String endState) {
    if (watchedInstances.remove(instance.key)) {
      Map<String, Object> variables = new LinkedHashMap<>();
      state.scope(instance.key).forEach((name, v) -> variables.put(name, v.value));
      finishedInstances.put(instance.key, variables);
    } else {
      finishedInstances.put(instance.key, null);
    }
    tokensInFlight.remove(instance.key);
    instance.state = endState;
    instance.endDate = now();
    state.endInstance(instance);
    if (instance.startCorrelationKey != null) {
      String key = instance.startCorrelationKey;
      String processId = instance.bpmnProcessId;
      agenda.add(() -> startFromBufferedMessage(processId, key));
    }
  }

  private void terminate(ProcessInstance instance, ElementInstance element) {
    if (element.jobKey != null) {
      Job job = state.jobs.get(element.jobKey);
      if (job != null) {
        state.removeJob(job);
      }
    }
    if (element.userTaskKey != null) {
      UserTask task = state.userTasks.get(element.userTaskKey);
      if (task != null) {
        task.state = UserTask.CANCELED;
        task.completionDate = now();
        state.endUserTask(task);
      }
    }
    if (element.subscriptionKey != null) {
      MessageSubscription subscription = state.subscriptions.get(element.subscriptionKey);
      if (subscription != null) {
        state.removeSubscription(subscription);
      }
    }
    if (element.timerKey != null) {
      Timer timer = state.timers.get(element.timerKey);
      if (timer != null) {
        state.removeTimer(timer);
      }
    }
    if (element.incidentKey != null) {
      Incident incident = state.incidents.get(element.incidentKey);
      if (incident != null) {
        incident.state = Incident.RESOLVED;
        state.endIncident(incident);
      }
    }
    state.removeElement(instance, element);
  }

  private Flow chooseFlow(ProcessInstance instance, ElementInstance element, Node node) {
    Map<String, Object> context = null;
    for (Flow flow : node.outgoing) {
      if (flow == node.defaultFlow) {
        continue;
      }
      if (flow.condition() == null) {
        return flow;
      }
      if (context == null) {
        context = context(instance, element);
      }
      if (Boolean.TRUE.equals(flow.condition().evaluate(context))) {
        return flow;
      }
    }
    return node.defaultFlow;
  }

  // ---- Variables

  /** The variables visible in an element: the instance's, shadowed by the element's own. */
  private Map<String, Object> context(ProcessInstance instance, ElementInstance element) {
    Map<String, Object> context = new HashMap<>();
    state.scope(instance.key).forEach((name, v) -> context.put(name, v.value));
    if (element != null) {
      state.scope(element.key).forEach((name, v) -> context.put(name, v.value));
    }
    return context;
  }

  private void applyInputs(ProcessInstance instance, ElementInstance element, Node node) {
    if (node.inputs.isEmpty()) {
      return;
    }
    Map<String, Object> context = context(instance, null);
    Map<String, Object> locals = new LinkedHashMap<>();
    for (Mapping input : node.inputs) {
      Object value = input.source() == null ? null : Json.plain(input.source().evaluate(context));
      setPath(locals, input.target(), value);
      context.put(rootName(input.target()), locals.get(rootName(input.target())));
    }
    locals.forEach((name, value) -> state.setVariable(element.key, instance.key, name, value));
  }

  private void applyOutputs(
      ProcessInstance instance, ElementInstance element, Node node, Map<String, Object> result) {
    if (!node.hasOutputs()) {
      if (result != null) {
        result.forEach((name, value) -> propagate(instance, element.key, name, value));
      }
      return;
    }
    if (result != null) {
      result.forEach((name, value) -> state.setVariable(element.key, instance.key, name, value));
    }
    Map<String, Object> context = context(instance, element);
    Map<String, Object> outputs = new LinkedHashMap<>();
    for (Mapping output : node.outputs) {
      Object value = output.source() == null ? null : Json.plain(output.source().evaluate(context));
      String root = rootName(output.target());
      if (!outputs.containsKey(root) && output.target().contains(".")) {
        Object existing =
            state.scope(instance.key).get(root) == null
                ? null
                : state.scope(instance.key).get(root).value;
        outputs.put(
            root, existing instanceof Map<?, ?> map ? deepCopy(map) : new LinkedHashMap<>());
      }
      setPath(outputs, output.target(), value);
    }
    outputs.forEach((name, value) -> propagate(instance, instance.key, name, value));
  }

  /**
   * Sets a variable as Camunda propagates it: in the nearest scope, from {@code scopeKey} upward,
   * that already has it, otherwise in the process instance's scope.
   */
  private void propagate(ProcessInstance instance, long scopeKey, String name, Object value) {
    if (scopeKey != instance.key && state.scope(scopeKey).containsKey(name)) {
      state.setVariable(scopeKey, instance.key, name, value);
    } else {
      state.setVariable(instance.key, instance.key, name, value);
    }
  }

  public void setVariables(long scopeKey, Map<String, Object> variables, boolean local) {
    ProcessInstance instance = state.instances.get(scopeKey);
    if (instance == null) {
      instance = state.instanceOfElement.get(scopeKey);
    }
    if (instance == null) {
      throw EngineException.notFound(
          "Expected to find an active element instance with key "
              + scopeKey
              + ", but none was found");
    }
    ProcessInstance owner = instance;
    variables.forEach(
        (name, value) -> {
          if (local) {
            state.setVariable(scopeKey, owner.key, name, value);
          } else {
            propagate(owner, scopeKey, name, value);
          }
        });
  }

  private static String rootName(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }

  @SuppressWarnings("unchecked")
  private static void setPath(Map<String, Object> target, String path, Object value) {
    String[] parts = path.split("\\.");
    Map<String, Object> current = target;
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = current.get(parts[i]);
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        current.put(parts[i], next);
      }
      current = (Map<String, Object>) next;
    }
    current.put(parts[parts.length - 1], value);
  }

  private static Map<String, Object> deepCopy(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v instanceof Map<?, ?> m ? deepCopy(m) : v));
    return copy;
  }

  // ---- Incidents

  private void raiseIncident(
      ProcessInstance instance,
      ElementInstance element,
      String errorType,
      String message,
      String step,
      Long jobKey) {
    Incident incident = new Incident();
    incident.key = state.newKey();
    incident.state = Incident.ACTIVE;
    incident.errorType = errorType;
    incident.errorMessage = message;
    incident.processInstanceKey = instance.key;
    incident.elementInstanceKey = element.key;
    incident.elementId = element.elementId;
    incident.jobKey = jobKey;
    incident.processDefinitionKey = instance.processDefinitionKey;
    incident.bpmnProcessId = instance.bpmnProcessId;
    incident.creationTime = now();
    state.putIncident(incident);
    element.state = ElementInstance.FAILED;
    element.incidentKey = incident.key;
    element.failedStep = step;
    instance.hasIncident = true;
    state.touch(instance);
  }

  public void resolveIncident(long incidentKey) {
    Incident incident = state.incidents.get(incidentKey);
    if (incident == null) {
      throw EngineException.notFound(
          "Expected to find an active incident with key " + incidentKey + ", but none was found");
    }
    ProcessInstance instance = activeInstance(incident.processInstanceKey);
    ElementInstance element = instance.elements.get(incident.elementInstanceKey);
    incident.state = Incident.RESOLVED;
    state.endIncident(incident);
    element.state = ElementInstance.ACTIVE;
    element.incidentKey = null;
    instance.hasIncident = instance.elements.values().stream().anyMatch(e -> e.incidentKey != null);
    state.touch(instance);
    Node node = graph(instance).node(element.elementId);
    if (incident.jobKey != null) {
      Job job = state.jobs.get(incident.jobKey);
      if (job.retries > 0) {
        job.state = Job.ACTIVATABLE;
        state.updateJob(job);
        typesWithNewJobs.add(job.type);
      } else {
        raiseIncident(instance, element, incident.errorType, incident.errorMessage, "JOB", job.key);
      }
    } else if ("COMPLETE".equals(element.failedStep)) {
      completeElement(instance, element, node, null);
    } else {
      activate(instance, element, node);
    }
    runAgenda();
  }

  private ExecutableProcess graph(ProcessInstance instance) {
    return state.definitions.get(instance.processDefinitionKey).graph;
  }

  // ---- Jobs

  private void createJob(ProcessInstance instance, ElementInstance element, Node node) {
    Map<String, Object> context = context(instance, element);
    Object type = node.jobType.evaluate(context);
    if (!(type instanceof String typeName) || typeName.isBlank()) {
      throw new ExpressionException(
          "expected the job type to be a non-empty string, but was " + type);
    }
    int retries = toInt(node.jobRetries.evaluate(context), "retries");
    Job job = new Job();
    job.key = state.newKey();
    job.type = typeName;
    job.state = Job.ACTIVATABLE;
    job.processInstanceKey = instance.key;
    job.elementInstanceKey = element.key;
    job.elementId = node.id;
    job.processDefinitionKey = instance.processDefinitionKey;
    job.bpmnProcessId = instance.bpmnProcessId;
    job.version = instance.version;
    job.retries = retries;
    job.customHeaders = node.headers;
    state.putJob(job);
    element.jobKey = job.key;
    typesWithNewJobs.add(job.type);
  }

  public List<ActivatedJob> activateJobs(
      String type, String worker, long timeout, int max, List<String> fetchVariables) {
    List<ActivatedJob> activated = new ArrayList<>();
    if (max <= 0) {
      return activated;
    }
    long deadline = now() + timeout;
    for (Job job : state.takeActivatable(type, max)) {
      job.state = Job.ACTIVATED;
      job.worker = worker;
      job.deadline = deadline;
      state.updateJob(job);
      ProcessInstance instance = state.instances.get(job.processInstanceKey);
      Map<String, Object> all = context(instance, instance.elements.get(job.elementInstanceKey));
      Map<String, Object> variables;
      if (fetchVariables == null || fetchVariables.isEmpty()) {
        variables = all;
      } else {
        variables = new LinkedHashMap<>();
        for (String name : fetchVariables) {
          if (all.containsKey(name)) {
            variables.put(name, all.get(name));
          }
        }
      }
      activated.add(new ActivatedJob(job, variables));
    }
    return activated;
  }

  public boolean hasActivatableJobs(String type) {
    return state.hasActivatable(type);
  }

  private Job job(long jobKey) {
    Job job = state.jobs.get(jobKey);
    if (job == null) {
      throw EngineException.notFound(
          "Expected to find a job with key " + jobKey + ", but no such job was found");
    }
    return job;
  }

  public void completeJob(long jobKey, Map<String, Object> variables) {
    Job job = job(jobKey);
    if (!Job.ACTIVATED.equals(job.state) && !Job.ACTIVATABLE.equals(job.state)) {
      throw EngineException.invalidState(
          "Expected to complete job with key " + jobKey + ", but it is " + job.state);
    }
    state.removeJob(job);
    ProcessInstance instance = state.instances.get(job.processInstanceKey);
    ElementInstance element = instance.elements.get(job.elementInstanceKey);
    element.jobKey = null;
    completeElement(instance, element, graph(instance).node(job.elementId), variables);
    runAgenda();
  }

  public void failJob(
      long jobKey, int retries, String errorMessage, long backOff, Map<String, Object> variables) {
    Job job = job(jobKey);
    if (!Job.ACTIVATED.equals(job.state)) {
      throw EngineException.invalidState(
          "Expected to fail job with key "
              + jobKey
              + ", but it is "
              + job.state
              + ", not ACTIVATED");
    }
    ProcessInstance instance = state.instances.get(job.processInstanceKey);
    if (variables != null) {
      variables.forEach(
          (name, value) -> state.setVariable(job.elementInstanceKey, instance.key, name, value));
    }
    job.retries = retries;
    job.errorMessage = errorMessage;
    job.worker = null;
    if (retries > 0 && backOff > 0) {
      job.state = Job.BACKING_OFF;
      job.retryAt = now() + backOff;
      state.updateJob(job);
    } else if (retries > 0) {
      job.state = Job.ACTIVATABLE;
      state.updateJob(job);
      typesWithNewJobs.add(job.type);
    } else {
      job.state = Job.FAILED;
      state.updateJob(job);
      String message =
          errorMessage == null || errorMessage.isBlank() ? "No more retries left." : errorMessage;
      raiseIncident(
          instance,
          instance.elements.get(job.elementInstanceKey),
          "JOB_NO_RETRIES",
          message,
          "JOB",
          job.key);
    }
  }

  public void throwError(
      long jobKey, String errorCode, String errorMessage, Map<String, Object> variables) {
    Job job = job(jobKey);
    if (!Job.ACTIVATED.equals(job.state) && !Job.ACTIVATABLE.equals(job.state)) {
      throw EngineException.invalidState(
          "Expected to throw an error for job with key " + jobKey + ", but it is " + job.state);
    }
    ProcessInstance instance = state.instances.get(job.processInstanceKey);
    if (variables != null) {
      variables.forEach(
          (name, value) -> state.setVariable(job.elementInstanceKey, instance.key, name, value));
    }
    job.state = Job.FAILED;
    job.errorMessage = errorMessage;
    state.updateJob(job);
    raiseIncident(
        instance,
        instance.elements.get(job.elementInstanceKey),
        "UNHANDLED_ERROR_EVENT",
        "Expected to throw an error event with the code '"
            + errorCode
            + "'"
            + (errorMessage == null || errorMessage.isBlank()
                ? ""
                : " with message '" + errorMessage + "'")
            + ", but it was not caught. No error events are available in the scope.",
        "JOB",
        job.key);
  }

  public void updateJob(long jobKey, Integer retries, Long timeout) {
    Job job = job(jobKey);
    if (retries != null && retries < 1) {
      throw EngineException.invalid(
          "Expected to update the retries of job "
              + jobKey
              + " to a positive number, but was "
              + retries);
    }
    if (timeout != null && !Job.ACTIVATED.equals(job.state)) {
      throw EngineException.invalidState(
          "Expected to update the timeout of job "
              + jobKey
              + ", but it is "
              + job.state
              + ", not ACTIVATED");
    }
    if (retries != null) {
      job.retries = retries;
    }
    if (timeout != null) {
      job.deadline = now() + timeout;
    }
    state.updateJob(job);
  }

  // ---- User tasks

  private void createUserTask(ProcessInstance instance, ElementInstance element, Node node) {
    Map<String, Object> context = context(instance, element);
    UserTask task = new UserTask();
    task.key = state.newKey();
    task.name = node.name;
    task.state = UserTask.CREATED;
    task.assignee =
        node.assignee == null ? null : asString(node.assignee.evaluate(context), "assignee");
    task.candidateGroups =
        node.candidateGroups == null
            ? List.of()
            : asList(node.candidateGroups.evaluate(context), "candidateGroups");
    task.candidateUsers =
        node.candidateUsers == null
            ? List.of()
            : asList(node.candidateUsers.evaluate(context), "candidateUsers");
    task.dueDate = node.dueDate == null ? null : asDate(node.dueDate.evaluate(context), "dueDate");
    task.followUpDate =
        node.followUpDate == null
            ? null
            : asDate(node.followUpDate.evaluate(context), "followUpDate");
    task.priority = node.priority == null ? 50 : toInt(node.priority.evaluate(context), "priority");
    task.creationDate = now();
    if (node.formId != null) {
      Form form = state.latestForms.get(node.formId);
      if (form == null) {
        throw new ExpressionException(
            "expected to find a deployed form with id '" + node.formId + "', but none was found");
      }
      task.formKey = form.key;
    }
    task.externalFormReference = node.externalFormReference;
    task.customHeaders = node.headers;
    task.elementId = node.id;
    task.elementInstanceKey = element.key;
    task.processInstanceKey = instance.key;
    task.processDefinitionKey = instance.processDefinitionKey;
    task.bpmnProcessId = instance.bpmnProcessId;
    task.version = instance.version;
    state.putUserTask(task);
    element.userTaskKey = task.key;
    state.touch(instance);
  }

  private UserTask userTask(long key) {
    UserTask task = state.userTasks.get(key);
    if (task == null) {
      throw EngineException.notFound(
          "Expected to find an active user task with key " + key + ", but none was found");
    }
    return task;
  }

  public void assignUserTask(long key, String assignee, boolean allowOverride) {
    UserTask task = userTask(key);
    if (!allowOverride && task.assignee != null && !task.assignee.equals(assignee)) {
      throw EngineException.invalidState(
          "Expected to assign user task "
              + key
              + ", but it is already assigned to '"
              + task.assignee
              + "'");
    }
    task.assignee = assignee;
    state.putUserTask(task);
  }

  public void unassignUserTask(long key) {
    UserTask task = userTask(key);
    task.assignee = null;
    state.putUserTask(task);
  }

  public void completeUserTask(long key, Map<String, Object> variables) {
    UserTask task = userTask(key);
    task.state = UserTask.COMPLETED;
    task.completionDate = now();
    state.endUserTask(task);
    ProcessInstance instance = state.instances.get(task.processInstanceKey);
    ElementInstance element = instance.elements.get(task.elementInstanceKey);
    element.userTaskKey = null;
    completeElement(instance, element, graph(instance).node(task.elementId), variables);
    runAgenda();
  }

  // ---- Messages

  private void openSubscription(ProcessInstance instance, ElementInstance element, Node node) {
    Map<String, Object> context = context(instance, element);
    String name = asString(node.messageName.evaluate(context), "message name");
    Object key = node.correlationKey.evaluate(context);
    if (!(key instanceof String) && !(key instanceof Number)) {
      throw new ExpressionException(
          "expected the correlation key to be a string or a number, but was " + key);
    }
    MessageSubscription subscription = new MessageSubscription();
    subscription.key = state.newKey();
    subscription.messageName = name;
    subscription.correlationKey = correlationKeyText(key);
    subscription.processInstanceKey = instance.key;
    subscription.elementInstanceKey = element.key;
    subscription.elementId = node.id;
    subscription.bpmnProcessId = instance.bpmnProcessId;
    element.subscriptionKey = subscription.key;
    state.touch(instance);
    List<Message> buffered =
        state.messagesByName.getOrDefault(
            RuntimeState.nameKey(name, subscription.correlationKey), List.of());
    for (Message message : buffered) {
      if (message.expiresAt > now()
          && !message.correlatedProcessIds.contains(instance.bpmnProcessId)) {
        message.correlatedProcessIds.add(instance.bpmnProcessId);
        state.touch(message);
        element.subscriptionKey = null;
        completeElement(instance, element, node, message.variables);
        return;
      }
    }
    state.putSubscription(subscription);
  }

  private static String correlationKeyText(Object key) {
    if (key instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      return Long.toString(number.longValue());
    }
    return String.valueOf(key);
  }

  /**
   * Publishes a message: it starts or reaches what waits for it now, and is buffered for its TTL.
   */
  public long publish(
      String name,
      String correlationKey,
      long ttl,
      String messageId,
      Map<String, Object> variables) {
    String key = correlationKey == null ? "" : correlationKey;
    if (messageId != null
        && !messageId.isEmpty()
        && state.messageIds.contains(RuntimeState.messageIdKey(name, key, messageId))) {
      throw new EngineException(
          EngineException.Kind.ALREADY_EXISTS,
          "Expected to publish a new message with id '"
              + messageId
              + "', but a message with that id was already published");
    }
    Message message = new Message();
    message.key = state.newKey();
    message.name = name;
    message.correlationKey = key;
    message.messageId = messageId == null || messageId.isEmpty() ? null : messageId;
    message.variables = variables == null ? Map.of() : variables;
    message.expiresAt = now() + Math.max(ttl, 0);
    correlateToStartEvents(message, false);
    correlateToSubscriptions(message, false);
    if (ttl > 0) {
      state.putMessage(message);
    }
    runAgenda();
    return message.key;
  }

  /** Correlates a message right now, without buffering; returns the first instance it reached. */
  public long[] correlate(String name, String correlationKey, Map<String, Object> variables) {
    Message message = new Message();
    message.key = state.newKey();
    message.name = name;
    message.correlationKey = correlationKey == null ? "" : correlationKey;
    message.variables = variables == null ? Map.of() : variables;
    Long first = correlateToStartEvents(message, true);
    Long reached = correlateToSubscriptions(message, first == null);
    runAgenda();
    Long instance = first != null ? first : reached;
    if (instance == null) {
      throw EngineException.notFound(
          "Expected to find a subscription or start event for message '"
              + name
              + "' with correlation key '"
              + message.correlationKey
              + "', but none was found");
    }
    return new long[] {message.key, instance};
  }

  private Long correlateToStartEvents(Message message, boolean onlyFirst) {
    Long first = null;
    for (ProcessDefinition definition : state.latestDefinitions.values()) {
      for (Node start : definition.graph.messageStarts()) {
        if (!start.messageName.text().equals(message.name)
            || message.correlatedProcessIds.contains(definition.bpmnProcessId)) {
          continue;
        }
        if (!message.correlationKey.isEmpty()
            && state
                .activeStartKeys
                .getOrDefault(definition.bpmnProcessId, Set.of())
                .contains(message.correlationKey)) {
          continue;
        }
        message.correlatedProcessIds.add(definition.bpmnProcessId);
        ProcessInstance instance = startByMessage(definition, start, message);
        if (first == null) {
          first = instance.key;
        }
        if (onlyFirst) {
          return first;
        }
      }
    }
    return first;
  }

  private ProcessInstance startByMessage(
      ProcessDefinition definition, Node start, Message message) {
    String key = message.correlationKey.isEmpty() ? null : message.correlationKey;
    if (key != null) {
      state
          .activeStartKeys
          .computeIfAbsent(definition.bpmnProcessId, k -> new HashSet<>())
          .add(key);
    }
    return startInstance(definition, start, null, message.variables, key);
  }

  private Long correlateToSubscriptions(Message message, boolean firstOnly) {
    List<MessageSubscription> waiting =
        state.subscriptionsByName.get(RuntimeState.nameKey(message.name, message.correlationKey));
    if (waiting == null || waiting.isEmpty()) {
      return null;
    }
    Long first = null;
    for (MessageSubscription subscription : List.copyOf(waiting)) {
      if (message.correlatedProcessIds.contains(subscription.bpmnProcessId)) {
        continue;
      }
      message.correlatedProcessIds.add(subscription.bpmnProcessId);
      state.removeSubscription(subscription);
      ProcessInstance instance = state.instances.get(subscription.processInstanceKey);
      ElementInstance element = instance.elements.get(subscription.elementInstanceKey);
      element.subscriptionKey = null;
      completeElement(
          instance, element, graph(instance).node(subscription.elementId), message.variables);
      if (first == null) {
        first = instance.key;
        if (firstOnly) {
          break;
        }
      }
    }
    return first;
  }

  private void startFromBufferedMessage(String bpmnProcessId, String correlationKey) {
    ProcessDefinition definition = state.latestDefinitions.get(bpmnProcessId);
    if (definition == null) {
      return;
    }
    for (Node start : definition.graph.messageStarts()) {
      List<Message> buffered =
          state.messagesByName.getOrDefault(
              RuntimeState.nameKey(start.messageName.text(), correlationKey), List.of());
      for (Message message : buffered) {
        if (message.expiresAt > now() && !message.correlatedProcessIds.contains(bpmnProcessId)) {
          message.correlatedProcessIds.add(bpmnProcessId);
          state.touch(message);
          startByMessage(definition, start, message);
          return;
        }
      }
    }
  }

  // ---- Timers

  private void createTimer(ProcessInstance instance, ElementInstance element, Node node) {
    Map<String, Object> context = context(instance, element);
    long due;
    if (node.timeDuration != null) {
      due = now() + toDuration(node.timeDuration.evaluate(context)).toMillis();
    } else {
      due = toInstant(node.timeDate.evaluate(context));
    }
    Timer timer = new Timer();
    timer.key = state.newKey();
    timer.processInstanceKey = instance.key;
    timer.elementInstanceKey = element.key;
    timer.elementId = node.id;
    timer.dueDate = due;
    state.putTimer(timer);
    element.timerKey = timer.key;
    state.touch(instance);
  }

  private static Duration toDuration(Object value) {
    if (value instanceof Duration duration) {
      return duration;
    }
    try {
      return Duration.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw new ExpressionException("expected an ISO-8601 duration, but was '" + value + "'");
    }
  }

  private static long toInstant(Object value) {
    if (value instanceof ZonedDateTime zoned) {
      return zoned.toInstant().toEpochMilli();
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant().toEpochMilli();
    }
    try {
      return ZonedDateTime.parse(String.valueOf(value)).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new ExpressionException("expected an ISO-8601 date-time, but was '" + value + "'");
    }
  }

  // ---- Due work, driven by the scheduler

  /** Fires due timers, re-offers lapsed or backed-off jobs and drops expired messages. */
  public void processDue() {
    long now = now();
    popDue(state.timerQueue, now, key -> fireTimer(key, now));
    popDue(state.jobDeadlines, now, key -> reoffer(key, Job.ACTIVATED, now));
    popDue(state.jobBackOffs, now, key -> reoffer(key, Job.BACKING_OFF, now));
    popDue(
        state.messageExpiries,
        now,
        key -> {
          Message message = state.messages.get(key);
          if (message != null && message.expiresAt <= now) {
            state.removeMessage(message);
          }
        });
    runAgenda();
  }

  private void fireTimer(long key, long now) {
    Timer timer = state.timers.get(key);
    if (timer == null || timer.dueDate > now) {
      return;
    }
    state.removeTimer(timer);
    ProcessInstance instance = state.instances.get(timer.processInstanceKey);
    ElementInstance element = instance.elements.get(timer.elementInstanceKey);
    element.timerKey = null;
    completeElement(instance, element, graph(instance).node(timer.elementId), null);
  }

  /**
   * Makes a job activatable again once its lock or back-off has ended; stale entries are skipped.
   */
  private void reoffer(long key, String expectedState, long now) {
    Job job = state.jobs.get(key);
    if (job == null || !expectedState.equals(job.state)) {
      return;
    }
    long due = Job.ACTIVATED.equals(expectedState) ? job.deadline : job.retryAt;
    if (due > now) {
      return;
    }
    job.state = Job.ACTIVATABLE;
    job.worker = null;
    state.updateJob(job);
    typesWithNewJobs.add(job.type);
  }

  private static void popDue(PriorityQueue<Due> queue, long now, LongConsumer action) {
    while (!queue.isEmpty() && queue.peek().at() <= now) {
      action.accept(queue.poll().key());
    }
  }

  // ---- Value conversion

  private static int toInt(Object value, String what) {
    if (value instanceof Number number) {
      return number.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new ExpressionException(
          "expected " + what + " to be a number, but was '" + value + "'");
    }
  }

  private static String asString(Object value, String what) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new ExpressionException("expected " + what + " to be a string, but was " + value);
    }
    return text;
  }

  private static List<String> asList(Object value, String what) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String text) {
      List<String> items = new ArrayList<>();
      for (String item : text.split(",")) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
      return items;
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof String text)) {
          throw new ExpressionException(
              "expected " + what + " to be a list of strings, but was " + value);
        }
        items.add(text);
      }
      return items;
    }
    throw new ExpressionException(
        "expected " + what + " to be a list of strings, but was " + value);
  }

  private static String asDate(Object value, String what) {
    if (value == null) {
      return null;
    }
    if (value instanceof ZonedDateTime || value instanceof OffsetDateTime) {
      return OffsetDateTime.parse(value.toString().replaceAll("\\[.*]$", "")).toString();
    }
    String text = String.valueOf(value);
    try {
      return OffsetDateTime.parse(text).toString();
    } catch (DateTimeParseException e) {
      throw new ExpressionException(
          "expected " + what + " to be an ISO-8601 date-time, but was '" + value + "'");
    }
  }
}
