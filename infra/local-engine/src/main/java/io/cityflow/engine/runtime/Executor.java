package io.cityflow.engine.runtime;

import io.cityflow.engine.model.BpmnCompiler;
import io.cityflow.engine.model.Decisions;
import io.cityflow.engine.model.ElementKind;
import io.cityflow.engine.model.EngineException;
import io.cityflow.engine.model.ExecutableProcess;
import io.cityflow.engine.model.ExpressionException;
import io.cityflow.engine.model.Flow;
import io.cityflow.engine.model.Mapping;
import io.cityflow.engine.model.MultiInstance;
import io.cityflow.engine.model.Node;
import io.cityflow.engine.model.TimerCycle;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
  private final Decisions decisions = new Decisions();
  private final EngineClock clock;
  private final ArrayDeque<Runnable> agenda = new ArrayDeque<>();
  private final Map<Long, int[]> tokensInFlight = new HashMap<>();
  private final Set<String> typesWithNewJobs = new HashSet<>();
  private final Map<Long, Map<String, Object>> finishedInstances = new LinkedHashMap<>();
  private final Set<Long> watchedInstances = new HashSet<>();
  private boolean watchNext;

  /** The step of an incident raised while a new instance opened its event subprocesses. */
  private static final String EVENT_SUBPROCESSES = "EVENT_SUBPROCESSES";

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
        Resource resource,
        String checksum,
        List<ExecutableProcess> processes,
        Map<?, ?> form,
        Decisions.Parsed dmn) {}
    List<Compiled> compiled = new ArrayList<>();
    for (Resource resource : resources) {
      String name = resource.name();
      String checksum = checksum(resource.content());
      if (name.endsWith(".bpmn") || name.endsWith(".xml")) {
        compiled.add(
            new Compiled(
                resource, checksum, compiler.compile(name, resource.content()), null, null));
      } else if (name.endsWith(".form")) {
        Map<?, ?> form = parseForm(name, resource.content());
        compiled.add(new Compiled(resource, checksum, null, form, null));
      } else if (name.endsWith(".dmn")) {
        compiled.add(
            new Compiled(
                resource, checksum, null, null, decisions.parse(name, resource.content())));
      } else {
        throw EngineException.invalid(
            "Resource '"
                + name
                + "' has an unsupported type; expected a .bpmn, .dmn or .form file");
      }
    }
    Map<ExecutableProcess, List<Timer>> startTimers = new HashMap<>();
    for (Compiled c : compiled) {
      if (c.processes() != null) {
        for (ExecutableProcess process : c.processes()) {
          startTimers.put(process, planStartTimers(process));
        }
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
      if (c.dmn() != null) {
        result.addAll(deployDmn(c.resource().name(), xml, c.checksum(), c.dmn(), deploymentKey));
        continue;
      }
      for (ExecutableProcess process : c.processes()) {
        result.add(
            new DeployedResource(
                deployProcess(
                    c.resource().name(),
                    xml,
                    c.checksum(),
                    process,
                    deploymentKey,
                    startTimers.get(process)),
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
      long deploymentKey,
      List<Timer> startTimers) {
    ProcessDefinition latest = state.latestDefinitions.get(graph.bpmnProcessId());
    if (latest != null && latest.checksum.equals(checksum)) {
      return latest;
    }
    if (latest != null) {
      cancelStartTimers(latest.bpmnProcessId);
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
    for (Timer timer : startTimers) {
      timer.key = state.newKey();
      timer.processDefinitionKey = definition.key;
      state.putTimer(timer);
    }
    return definition;
  }

  /**
   * The timers of a process's timer start events, due as evaluated now; nothing is stored yet, so
   * that a timer that cannot be evaluated fails the deployment before it changes anything.
   */
  private List<Timer> planStartTimers(ExecutableProcess process) {
    List<Timer> timers = new ArrayList<>();
    for (Node start : process.timerStarts()) {
      try {
        Timer timer = new Timer();
        timer.elementId = start.id;
        scheduleTimer(timer, start, Map.of());
        timers.add(timer);
      } catch (ExpressionException e) {
        throw EngineException.invalid(
            "The timer of start event '"
                + start.id
                + "' of process '"
                + process.bpmnProcessId()
                + "' cannot be evaluated: "
                + e.getMessage());
      }
    }
    return timers;
  }

  /** A new version replaces the timers of the previous version's timer start events. */
  private void cancelStartTimers(String bpmnProcessId) {
    for (Timer timer : List.copyOf(state.timers.values())) {
      if (timer.processDefinitionKey != null) {
        ProcessDefinition owner = state.definitions.get(timer.processDefinitionKey);
        if (owner == null || owner.bpmnProcessId.equals(bpmnProcessId)) {
          state.removeTimer(timer);
        }
      }
    }
  }

  /**
   * Deploys a DMN resource. Unchanged, it keeps its versions; changed, the resource and each of its
   * decisions get the next version of their id.
   */
  private List<DeployedResource> deployDmn(
      String resourceName, String xml, String checksum, Decisions.Parsed dmn, long deploymentKey) {
    List<DeployedResource> result = new ArrayList<>();
    DecisionRequirements latest = state.latestDecisionRequirements.get(dmn.id());
    if (latest != null && latest.checksum.equals(checksum)) {
      for (Decision decision : state.decisions.values()) {
        if (decision.decisionRequirementsKey == latest.key) {
          result.add(new DeployedResource(null, null, decision, null));
        }
      }
      result.add(new DeployedResource(null, null, null, latest));
      return result;
    }
    DecisionRequirements requirements = new DecisionRequirements();
    requirements.key = state.newKey();
    requirements.decisionRequirementsId = dmn.id();
    requirements.name = dmn.name();
    requirements.version = latest == null ? 1 : latest.version + 1;
    requirements.resourceName = resourceName;
    requirements.checksum = checksum;
    requirements.deploymentKey = deploymentKey;
    requirements.xml = xml;
    requirements.parsed = dmn;
    for (Decisions.DecisionInfo info : dmn.decisions()) {
      Decision previous = state.latestDecisions.get(info.id());
      Decision decision = new Decision();
      decision.key = state.newKey();
      decision.decisionId = info.id();
      decision.name = info.name();
      decision.decisionType = info.type();
      decision.version = previous == null ? 1 : previous.version + 1;
      decision.decisionRequirementsId = requirements.decisionRequirementsId;
      decision.decisionRequirementsKey = requirements.key;
      decision.decisionRequirementsName = requirements.name;
      decision.decisionRequirementsVersion = requirements.version;
      decision.deploymentKey = deploymentKey;
      state.addDecision(decision);
      result.add(new DeployedResource(null, null, decision, null));
    }
    state.addDecisionRequirements(requirements);
    result.add(new DeployedResource(null, null, null, requirements));
    return result;
  }

  /**
   * The outcome of evaluating a decision: the decision, its resource, its output, and each decision
   * evaluated on the way with its deployed version.
   */
  public record Evaluation(
      long evaluationKey,
      Decision decision,
      DecisionRequirements requirements,
      Object output,
      List<Evaluated> evaluated) {}

  /** One decision of an evaluation and what its evaluation found. */
  public record Evaluated(Decision decision, Decisions.EvaluatedDecision details) {}

  /** Evaluates the latest version of a decision id, or the decision with the given key. */
  public Evaluation evaluateDecision(
      String decisionId, Long decisionKey, Map<String, Object> variables) {
    Decision decision =
        decisionKey != null
            ? state.decisions.get(decisionKey)
            : state.latestDecisions.get(decisionId);
    if (decision == null) {
      throw EngineException.notFound(
          decisionKey != null
              ? "Expected to find a decision definition with key "
                  + decisionKey
                  + ", but none was found"
              : "Expected to find a decision definition with id '"
                  + decisionId
                  + "', but none was deployed");
    }
    DecisionRequirements requirements = requirements(decision);
    Decisions.Result result;
    try {
      result = decisions.evaluate(requirements.parsed, decision.decisionId, variables);
    } catch (ExpressionException e) {
      throw EngineException.invalid("Expected to evaluate the decision: " + e.getMessage());
    }
    List<Evaluated> evaluated = new ArrayList<>();
    for (Decisions.EvaluatedDecision details : result.evaluated()) {
      Decision deployed =
          state.decisions.values().stream()
              .filter(d -> d.decisionRequirementsKey == requirements.key)
              .filter(d -> d.decisionId.equals(details.id()))
              .findFirst()
              .orElse(decision);
      evaluated.add(new Evaluated(deployed, details));
    }
    return new Evaluation(state.newKey(), decision, requirements, result.output(), evaluated);
  }

  private DecisionRequirements requirements(Decision decision) {
    DecisionRequirements requirements =
        state.decisionRequirements.get(decision.decisionRequirementsKey);
    if (requirements.parsed == null) {
      requirements.parsed =
          decisions.parse(
              requirements.resourceName, requirements.xml.getBytes(StandardCharsets.UTF_8));
    }
    return requirements;
  }

  /** A business rule task calls the latest version of its decision. */
  private Decision calledDecision(Node node, Map<String, Object> context) {
    String decisionId = asString(node.decisionId.evaluate(context), "decision id");
    Decision decision = decisionId == null ? null : state.latestDecisions.get(decisionId);
    if (decision == null) {
      throw new ExpressionException(
          "expected to find a deployed decision with id '" + decisionId + "', but none was found");
    }
    return decision;
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
    ProcessInstance instance = startInstance(definition, start, variables, null, null, null, null);
    runAgenda();
    return instance;
  }

  /** Starts an instance at a start event; the caller drains the agenda. */
  private ProcessInstance startInstance(
      ProcessDefinition definition,
      Node start,
      Map<String, Object> variables,
      Map<String, Object> startEventResult,
      String startCorrelationKey,
      ProcessInstance parent,
      ElementInstance caller) {
    ProcessInstance instance = new ProcessInstance();
    instance.key = state.newKey();
    instance.processDefinitionKey = definition.key;
    instance.bpmnProcessId = definition.bpmnProcessId;
    instance.processDefinitionName = definition.name;
    instance.version = definition.version;
    instance.state = ProcessInstance.ACTIVE;
    instance.startDate = now();
    instance.startCorrelationKey = startCorrelationKey;
    if (parent != null) {
      instance.parentProcessInstanceKey = parent.key;
      instance.parentElementInstanceKey = caller.key;
      instance.rootProcessInstanceKey =
          parent.rootProcessInstanceKey == null ? parent.key : parent.rootProcessInstanceKey;
    }
    if (watchNext) {
      watchedInstances.add(instance.key);
      watchNext = false;
    }
    state.putInstance(instance);
    if (variables != null) {
      variables.forEach(
          (name, value) -> state.setVariable(instance.key, instance.key, name, value));
    }
    ElementInstance element = newElement(instance, start, null);
    if (!definition.graph.eventSubprocesses().isEmpty() && !enterProcessScope(instance, element)) {
      return instance;
    }
    completeElement(instance, element, start, startEventResult);
    return instance;
  }

  /**
   * Opens the top-level event subprocesses of a new instance. False if the start event must not go
   * on: opening failed (an incident on the start event) or a buffered message interrupted.
   */
  private boolean enterProcessScope(ProcessInstance instance, ElementInstance start) {
    try {
      return openEventSubprocesses(
          instance, processScope(instance), graph(instance).eventSubprocesses());
    } catch (ExpressionException e) {
      raiseIncident(
          instance,
          start,
          "EXTRACT_VALUE_ERROR",
          "Failed to open the event subprocesses of process '"
              + instance.bpmnProcessId
              + "': "
              + e.getMessage(),
          EVENT_SUBPROCESSES,
          null);
      return false;
    }
  }

  public void cancel(long processInstanceKey) {
    ProcessInstance instance = activeInstance(processInstanceKey);
    if (instance.parentProcessInstanceKey != null) {
      throw EngineException.invalidState(
          "Expected to cancel process instance "
              + processInstanceKey
              + ", but it was created by the call activity of process instance "
              + instance.parentProcessInstanceKey
              + "; cancel the root process instance instead");
    }
    terminateInstance(instance);
    runAgenda();
  }

  /** Ends an instance and everything it waits for, including the instances it called. */
  private void terminateInstance(ProcessInstance instance) {
    for (ElementInstance element : List.copyOf(instance.elements.values())) {
      if (instance.elements.containsKey(element.key)) {
        terminate(instance, element);
      }
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

  private ElementInstance newElement(ProcessInstance instance, Node node, Long parentKey) {
    ElementInstance element = new ElementInstance();
    element.key = state.newKey();
    element.elementId = node.id;
    element.state = ElementInstance.ACTIVE;
    element.parentKey = parentKey;
    state.addElement(instance, element);
    return element;
  }

  private void runAgenda() {
    while (!agenda.isEmpty()) {
      agenda.poll().run();
    }
  }

  private static long scopeKey(ProcessInstance instance, Long parentKey) {
    return parentKey == null ? instance.key : parentKey;
  }

  /**
   * Sends tokens along flows. Each scope counts its tokens in flight; a scope that ends (or is
   * terminated) drops its counter, and tokens still on their way into it are then discarded.
   */
  private void takeFlows(ProcessInstance instance, Long parentKey, Collection<Flow> flows) {
    long scope = scopeKey(instance, parentKey);
    int[] inFlight = tokensInFlight.computeIfAbsent(scope, k -> new int[1]);
    inFlight[0] += flows.size();
    for (Flow flow : flows) {
      recordFlow(instance, flow.id());
      agenda.add(
          () -> {
            if (tokensInFlight.get(scope) != inFlight) {
              return;
            }
            inFlight[0]--;
            if (ProcessInstance.ACTIVE.equals(instance.state)) {
              arrive(instance, parentKey, flow);
            }
          });
    }
  }

  private void recordFlow(ProcessInstance instance, String flowId) {
    if (instance.takenFlows.add(flowId)) {
      state.touch(instance);
    }
  }

  private int inFlight(long scope) {
    int[] counter = tokensInFlight.get(scope);
    return counter == null ? 0 : counter[0];
  }

  /** The join arrivals of a scope: the instance's, or a subprocess's own. */
  private Map<String, Integer> arrivals(ProcessInstance instance, Long parentKey) {
    if (parentKey == null) {
      return instance.joinArrivals;
    }
    ElementInstance scope = instance.elements.get(parentKey);
    if (scope.joinArrivals == null) {
      scope.joinArrivals = new LinkedHashMap<>();
    }
    return scope.joinArrivals;
  }

  private void arrive(ProcessInstance instance, Long parentKey, Flow flow) {
    Node target = flow.target();
    if (target.incomingFlowIds.size() > 1
        && (target.kind == ElementKind.PARALLEL_GATEWAY
            || target.kind == ElementKind.INCLUSIVE_GATEWAY)) {
      Map<String, Integer> arrivals = arrivals(instance, parentKey);
      arrivals.merge(target.id + ' ' + flow.id(), 1, Integer::sum);
      state.touch(instance);
      if (target.kind == ElementKind.INCLUSIVE_GATEWAY) {
        agenda.add(() -> tryInclusiveJoin(instance, parentKey, target));
        return;
      }
      for (String incoming : target.incomingFlowIds) {
        if (arrivals.getOrDefault(target.id + ' ' + incoming, 0) < 1) {
          return;
        }
      }
      consumeArrivals(arrivals, target);
    }
    activate(instance, newElement(instance, target, parentKey), target);
  }

  private static void consumeArrivals(Map<String, Integer> arrivals, Node gateway) {
    for (String incoming : gateway.incomingFlowIds) {
      arrivals.computeIfPresent(gateway.id + ' ' + incoming, (k, v) -> v == 1 ? null : v - 1);
    }
  }

  /**
   * An inclusive join fires once no token of its scope can still reach it: no element from which it
   * is reachable is active, no token waits at a join upstream of it, and no token is in flight.
   */
  private void tryInclusiveJoin(ProcessInstance instance, Long parentKey, Node join) {
    if (!ProcessInstance.ACTIVE.equals(instance.state)
        || (parentKey != null && !instance.elements.containsKey(parentKey))) {
      return;
    }
    Map<String, Integer> arrivals = arrivals(instance, parentKey);
    boolean arrived =
        join.incomingFlowIds.stream().anyMatch(f -> arrivals.containsKey(join.id + ' ' + f));
    if (!arrived) {
      return;
    }
    if (inFlight(scopeKey(instance, parentKey)) > 0) {
      agenda.add(() -> tryInclusiveJoin(instance, parentKey, join));
      return;
    }
    for (ElementInstance element : instance.elements.values()) {
      if (Objects.equals(element.parentKey, parentKey)
          && join.upstream.contains(element.elementId)) {
        return;
      }
    }
    for (String waiting : arrivals.keySet()) {
      String gateway = waiting.substring(0, waiting.indexOf(' '));
      if (!gateway.equals(join.id) && join.upstream.contains(gateway)) {
        return;
      }
    }
    consumeArrivals(arrivals, join);
    state.touch(instance);
    activate(instance, newElement(instance, join, parentKey), join);
  }

  private void activate(ProcessInstance instance, ElementInstance element, Node node) {
    String step = "input mappings";
    try {
      if (node.multiInstance != null && element.loopCounter == null) {
        step = "input collection";
        activateLoopBody(instance, element, node);
        return;
      }
      applyInputs(instance, element, node);
      if (!node.boundaries.isEmpty() && element.loopCounter == null) {
        step = "boundary events";
        openBoundaries(instance, element, node);
        if (!instance.elements.containsKey(element.key)) {
          return;
        }
      }
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
        case BUSINESS_RULE_TASK -> {
          step = "called decision";
          Map<String, Object> context = context(instance, element);
          Decision decision = calledDecision(node, context);
          step = "decision";
          Object result =
              decisions
                  .evaluate(requirements(decision).parsed, decision.decisionId, context)
                  .output();
          Map<String, Object> variables = new HashMap<>();
          variables.put(node.resultVariable, result);
          completeElement(instance, element, node, variables);
        }
        case SUB_PROCESS -> {
          step = "event subprocesses";
          if (!openEventSubprocesses(instance, element, node.eventSubprocesses)) {
            return;
          }
          ElementInstance start = newElement(instance, node.startEvent, element.key);
          completeElement(instance, start, node.startEvent, null);
        }
        case EVENT_SUB_PROCESS -> {
          step = "event subprocesses";
          enterEventSubprocess(instance, element, node, null);
        }
        case CALL_ACTIVITY -> {
          step = "called element";
          callProcess(instance, element, node);
        }
        case EXCLUSIVE_GATEWAY -> {
          step = "conditions";
          Flow chosen = chooseFlow(instance, element, node);
          if (chosen == null) {
            noFlowIncident(instance, element, node);
            return;
          }
          leave(instance, element, List.of(chosen));
        }
        case INCLUSIVE_GATEWAY -> {
          step = "conditions";
          List<Flow> chosen = chooseInclusiveFlows(instance, element, node);
          if (chosen.isEmpty()) {
            noFlowIncident(instance, element, node);
            return;
          }
          leave(instance, element, chosen);
        }
        case EVENT_BASED_GATEWAY -> {
          step = "events";
          for (Flow flow : node.outgoing) {
            openEvent(instance, element, flow.target());
            if (!instance.elements.containsKey(element.key)) {
              return;
            }
          }
        }
        case MESSAGE_CATCH_EVENT, TIMER_CATCH_EVENT, SIGNAL_CATCH_EVENT -> {
          step =
              switch (node.kind) {
                case MESSAGE_CATCH_EVENT -> "message name and correlation key";
                case TIMER_CATCH_EVENT -> "timer";
                default -> "signal name";
              };
          openEvent(instance, element, node);
        }
        case ERROR_END_EVENT -> {
          if (!throwError(instance, element, node.errorCode, null, null)) {
            raiseIncident(
                instance,
                element,
                "UNHANDLED_ERROR_EVENT",
                "Expected to throw an error event with the code '"
                    + node.errorCode
                    + "', but it was not caught. No error events are available in the scope.",
                "ACTIVATE",
                null);
          }
        }
        case TERMINATE_END_EVENT -> terminateScope(instance, element);
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

  private void noFlowIncident(ProcessInstance instance, ElementInstance element, Node node) {
    raiseIncident(
        instance,
        element,
        "CONDITION_ERROR",
        "Expected at least one condition of gateway '"
            + node.id
            + "' to evaluate to true, or to have a default flow",
        "ACTIVATE",
        null);
  }

  private static String errorType(Node node, String step) {
    if (step.equals("input mappings")) {
      return "IO_MAPPING_ERROR";
    }
    if (step.equals("called element")) {
      return "CALLED_ELEMENT_ERROR";
    }
    if (step.equals("decision")) {
      return "DECISION_EVALUATION_ERROR";
    }
    if (step.equals("called decision")) {
      return "CALLED_DECISION_ERROR";
    }
    if (node.kind == ElementKind.EXCLUSIVE_GATEWAY || node.kind == ElementKind.INCLUSIVE_GATEWAY) {
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
    if (element.loopCounter != null) {
      innerCompleted(instance, element, node);
      return;
    }
    leave(instance, element, node.outgoing);
  }

  private void leave(ProcessInstance instance, ElementInstance element, List<Flow> flows) {
    closeEvents(element);
    state.removeElement(instance, element);
    tokensInFlight.remove(element.key);
    if (!flows.isEmpty()) {
      takeFlows(instance, element.parentKey, flows);
    } else {
      Long parentKey = element.parentKey;
      agenda.add(() -> completeScopeIfDone(instance, parentKey));
    }
  }

  /**
   * A scope (the process or a subprocess) completes once nothing is left in it: no element, no
   * token in flight and no token waiting at a join. Waiting inclusive joins are checked first.
   */
  private void completeScopeIfDone(ProcessInstance instance, Long parentKey) {
    if (!ProcessInstance.ACTIVE.equals(instance.state)) {
      return;
    }
    ElementInstance scope = parentKey == null ? null : instance.elements.get(parentKey);
    if (parentKey != null && (scope == null || scope.isLoopBody())) {
      return;
    }
    Map<String, Integer> arrivals = parentKey == null ? instance.joinArrivals : scope.joinArrivals;
    if (arrivals != null && !arrivals.isEmpty()) {
      ExecutableProcess graph = graph(instance);
      for (String waiting : List.copyOf(arrivals.keySet())) {
        Node gateway = graph.node(waiting.substring(0, waiting.indexOf(' ')));
        if (gateway.kind == ElementKind.INCLUSIVE_GATEWAY) {
          agenda.add(() -> tryInclusiveJoin(instance, parentKey, gateway));
        }
      }
      return;
    }
    if (inFlight(scopeKey(instance, parentKey)) > 0) {
      return;
    }
    if (parentKey == null) {
      if (instance.elements.isEmpty()) {
        finish(instance, ProcessInstance.COMPLETED);
      }
      return;
    }
    for (ElementInstance element : instance.elements.values()) {
      if (parentKey.equals(element.parentKey)) {
        return;
      }
    }
    completeElement(instance, scope, graph(instance).node(scope.elementId), null);
  }

  private void finish(ProcessInstance instance, String endState) {
    Map<String, Object> finalVariables = null;
    boolean watched = watchedInstances.remove(instance.key);
    boolean resumesParent =
        instance.parentProcessInstanceKey != null && ProcessInstance.COMPLETED.equals(endState);
    if (watched || resumesParent) {
      finalVariables = new LinkedHashMap<>();
      Map<String, Object> variables = finalVariables;
      state.scope(instance.key).forEach((name, v) -> variables.put(name, v.value));
    }
    finishedInstances.put(instance.key, watched ? finalVariables : null);
    tokensInFlight.remove(instance.key);
    if (instance.scope != null) {
      closeEvents(instance.scope);
    }
    instance.state = endState;
    instance.endDate = now();
    state.endInstance(instance);
    if (instance.startCorrelationKey != null) {
      String key = instance.startCorrelationKey;
      String processId = instance.bpmnProcessId;
      agenda.add(() -> startFromBufferedMessage(processId, key));
    }
    if (resumesParent) {
      Map<String, Object> childVariables = finalVariables;
      agenda.add(() -> resumeCaller(instance, childVariables));
    }
  }

  /** Ends an element and everything below it: its job, task, subscriptions, timers and children. */
  private void terminate(ProcessInstance instance, ElementInstance element) {
    closeEvents(element);
    if (element.calledInstanceKey != null) {
      ProcessInstance child = state.instances.get(element.calledInstanceKey);
      if (child != null) {
        terminateInstance(child);
      }
    }
    for (ElementInstance child : List.copyOf(instance.elements.values())) {
      if (Long.valueOf(element.key).equals(child.parentKey)
          && instance.elements.containsKey(child.key)) {
        terminate(instance, child);
      }
    }
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
      element.incidentKey = null;
      instance.hasIncident =
          instance.elements.values().stream().anyMatch(e -> e.incidentKey != null);
    }
    tokensInFlight.remove(element.key);
    state.terminateElement(instance, element);
  }

  /**
   * A terminate end event: every other element of its scope ends, and the scope completes (the
   * process instance, or the subprocess, which then leaves normally).
   */
  private void terminateScope(ProcessInstance instance, ElementInstance element) {
    Long parentKey = element.parentKey;
    for (ElementInstance other : List.copyOf(instance.elements.values())) {
      if (other != element
          && Objects.equals(other.parentKey, parentKey)
          && instance.elements.containsKey(other.key)) {
        terminate(instance, other);
      }
    }
    arrivals(instance, parentKey).clear();
    tokensInFlight.remove(scopeKey(instance, parentKey));
    leave(instance, element, List.of());
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

  private List<Flow> chooseInclusiveFlows(
      ProcessInstance instance, ElementInstance element, Node node) {
    Map<String, Object> context = context(instance, element);
    List<Flow> chosen = new ArrayList<>();
    for (Flow flow : node.outgoing) {
      if (flow != node.defaultFlow
          && (flow.condition() == null
              || Boolean.TRUE.equals(flow.condition().evaluate(context)))) {
        chosen.add(flow);
      }
    }
    if (chosen.isEmpty() && node.defaultFlow != null) {
      chosen.add(node.defaultFlow);
    }
    return chosen;
  }

  // ---- Boundary events and event-based gateways

  private void openBoundaries(ProcessInstance instance, ElementInstance element, Node node) {
    closeEvents(element);
    for (Node boundary : node.boundaries) {
      if (!"error".equals(boundary.eventType)) {
        openEvent(instance, element, boundary);
        if (!instance.elements.containsKey(element.key)) {
          return;
        }
      }
    }
  }

  /**
   * Opens the timer or subscription of an event for the token that owns it: the catch event itself,
   * the activity a boundary event is attached to, or an event-based gateway.
   */
  private void openEvent(ProcessInstance instance, ElementInstance owner, Node event) {
    if (event.messageName != null) {
      openSubscription(instance, owner, event);
    } else if (event.signalName != null) {
      openSignalSubscription(instance, owner, event);
    } else {
      createTimer(instance, owner, event);
    }
  }

  /**
   * Migration: the timer or subscription a boundary event of the target definition opens for an
   * element migrated to the activity it is attached to, evaluated in the element's scope now but
   * neither keyed nor stored, so that a failing expression changes nothing.
   */
  Entity prepareBoundaryEvent(
      ProcessInstance instance, ElementInstance owner, Node event, String bpmnProcessId) {
    Map<String, Object> context = context(instance, owner);
    if (event.messageName != null || event.signalName != null) {
      MessageSubscription subscription = new MessageSubscription();
      subscription.processInstanceKey = instance.key;
      subscription.elementInstanceKey = owner.key;
      subscription.elementId = event.id;
      subscription.bpmnProcessId = bpmnProcessId;
      if (event.signalName != null) {
        subscription.messageName = asString(event.signalName.evaluate(context), "signal name");
        subscription.correlationKey = SIGNAL;
        subscription.signal = true;
      } else {
        subscription.messageName = asString(event.messageName.evaluate(context), "message name");
        Object key = event.correlationKey.evaluate(context);
        if (!(key instanceof String) && !(key instanceof Number)) {
          throw new ExpressionException(
              "expected the correlation key to be a string or a number, but was " + key);
        }
        subscription.correlationKey = correlationKeyText(key);
      }
      return subscription;
    }
    Timer timer = new Timer();
    scheduleTimer(timer, event, context);
    timer.processInstanceKey = instance.key;
    timer.elementInstanceKey = owner.key;
    timer.elementId = event.id;
    return timer;
  }

  /** Migration: stores what {@link #prepareBoundaryEvent} prepared, owned by the element. */
  void openPreparedBoundaryEvent(ProcessInstance instance, ElementInstance owner, Entity event) {
    event.key = state.newKey();
    if (owner.eventKeys == null) {
      owner.eventKeys = new ArrayList<>();
    }
    owner.eventKeys.add(event.key);
    if (event instanceof Timer timer) {
      state.putTimer(timer);
    } else {
      state.putSubscription((MessageSubscription) event);
    }
    state.touch(instance);
  }

  private static void addEventKey(ElementInstance owner, Node event, long key, boolean timer) {
    if (owner.elementId.equals(event.id)) {
      if (timer) {
        owner.timerKey = key;
      } else {
        owner.subscriptionKey = key;
      }
    } else {
      if (owner.eventKeys == null) {
        owner.eventKeys = new ArrayList<>();
      }
      owner.eventKeys.add(key);
    }
  }

  private void closeEvents(ElementInstance element) {
    if (element.eventKeys == null) {
      return;
    }
    for (Long key : element.eventKeys) {
      Timer timer = state.timers.get(key);
      if (timer != null) {
        state.removeTimer(timer);
      }
      MessageSubscription subscription = state.subscriptions.get(key);
      if (subscription != null) {
        state.removeSubscription(subscription);
      }
    }
    element.eventKeys = null;
  }

  /** An event occurred (a message, a signal or a timer) for the token that waits for it. */
  private void triggerEvent(
      ProcessInstance instance, ElementInstance owner, Node event, Map<String, Object> variables) {
    if (event.kind == ElementKind.EVENT_SUB_START_EVENT) {
      triggerEventSubprocess(instance, owner, event, variables);
    } else if (event.kind == ElementKind.BOUNDARY_EVENT) {
      triggerBoundary(instance, owner, event, variables);
    } else if (!owner.elementId.equals(event.id)) {
      Node gateway = graph(instance).node(owner.elementId);
      Long parentKey = owner.parentKey;
      closeEvents(owner);
      state.removeElement(instance, owner);
      for (Flow flow : gateway.outgoing) {
        if (flow.target() == event) {
          recordFlow(instance, flow.id());
        }
      }
      ElementInstance caught = newElement(instance, event, parentKey);
      completeElement(instance, caught, event, variables);
    } else {
      owner.subscriptionKey = null;
      owner.timerKey = null;
      completeElement(instance, owner, event, variables);
    }
  }

  private void triggerBoundary(
      ProcessInstance instance,
      ElementInstance attached,
      Node boundary,
      Map<String, Object> variables) {
    ElementInstance event = newElement(instance, boundary, attached.parentKey);
    if (boundary.interrupting) {
      terminate(instance, attached);
    }
    completeElement(instance, event, boundary, variables);
  }

  /**
   * Throws a BPMN error from an element: the nearest error boundary event on it or an enclosing
   * activity catches it, across call activities into calling instances. A boundary event with the
   * error's code wins over a catch-all one on the same activity.
   */
  private boolean throwError(
      ProcessInstance instance,
      ElementInstance from,
      String errorCode,
      String errorMessage,
      Map<String, Object> variables) {
    ProcessInstance current = instance;
    ElementInstance element = from;
    while (true) {
      while (element != null) {
        if (element.loopCounter == null) {
          Node catcher = errorCatcher(graph(current).node(element.elementId), errorCode);
          if (catcher != null) {
            triggerBoundary(
                current,
                element,
                catcher,
                errorVariables(catcher, errorCode, errorMessage, variables));
            return true;
          }
        }
        ElementInstance scope =
            element.parentKey == null ? null : current.elements.get(element.parentKey);
        List<Node> eventSubprocesses =
            scope == null
                ? graph(current).eventSubprocesses()
                : scope.isLoopBody()
                    ? List.of()
                    : graph(current).node(scope.elementId).eventSubprocesses;
        Node start = errorStartCatcher(eventSubprocesses, errorCode, element.elementId);
        if (start != null) {
          triggerEventSubprocess(
              current,
              scope == null ? processScope(current) : scope,
              start,
              errorVariables(start, errorCode, errorMessage, variables));
          return true;
        }
        element = scope;
      }
      if (current.parentProcessInstanceKey == null) {
        return false;
      }
      ProcessInstance parent = state.instances.get(current.parentProcessInstanceKey);
      if (parent == null) {
        return false;
      }
      element = parent.elements.get(current.parentElementInstanceKey);
      current = parent;
    }
  }

  /**
   * The error start event of an event subprocess of the scope that catches the error; an event
   * subprocess does not catch what is thrown inside itself.
   */
  private static Node errorStartCatcher(
      List<Node> eventSubprocesses, String errorCode, String thrownFrom) {
    Node catchAll = null;
    for (Node eventSubprocess : eventSubprocesses) {
      Node start = eventSubprocess.startEvent;
      if (!"error".equals(start.eventType) || eventSubprocess.id.equals(thrownFrom)) {
        continue;
      }
      if (start.errorCode == null) {
        catchAll = catchAll == null ? start : catchAll;
      } else if (start.errorCode.equals(errorCode)) {
        return start;
      }
    }
    return catchAll;
  }

  /** The variables a caught error brings: the thrown ones plus its code and message, if asked. */
  private static Map<String, Object> errorVariables(
      Node catcher, String errorCode, String errorMessage, Map<String, Object> variables) {
    if (catcher.errorCodeVariable == null && catcher.errorMessageVariable == null) {
      return variables;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    if (variables != null) {
      result.putAll(variables);
    }
    if (catcher.errorCodeVariable != null) {
      result.put(catcher.errorCodeVariable, errorCode);
    }
    if (catcher.errorMessageVariable != null) {
      result.put(catcher.errorMessageVariable, errorMessage == null ? "" : errorMessage);
    }
    return result;
  }

  // ---- Event subprocesses

  /** The process's own scope, created when it first owns an event subprocess's event. */
  private ElementInstance processScope(ProcessInstance instance) {
    if (instance.scope == null) {
      ElementInstance scope = new ElementInstance();
      scope.key = instance.key;
      scope.elementId = instance.bpmnProcessId;
      scope.state = ElementInstance.ACTIVE;
      instance.scope = scope;
      state.touch(instance);
    }
    return instance.scope;
  }

  /** The token that owns a timer or subscription: an element, or the process's own scope. */
  private static ElementInstance owner(ProcessInstance instance, long key) {
    return key == instance.key ? instance.scope : instance.elements.get(key);
  }

  /** The flow scope of the elements inside a scope owner: null for the process itself. */
  private static Long innerParentKey(ProcessInstance instance, ElementInstance scopeOwner) {
    return scopeOwner.key == instance.key ? null : scopeOwner.key;
  }

  /**
   * Opens the message, timer and signal start events of a scope's event subprocesses as it is
   * entered; correlation keys and timers are evaluated now. False if a buffered message already
   * triggered an interrupting one, so the scope's own start event must not run.
   */
  private boolean openEventSubprocesses(
      ProcessInstance instance, ElementInstance scopeOwner, List<Node> eventSubprocesses) {
    for (Node eventSubprocess : eventSubprocesses) {
      Node start = eventSubprocess.startEvent;
      if (start == null || "error".equals(start.eventType)) {
        continue;
      }
      openEvent(instance, scopeOwner, start);
      if (interrupted(instance, scopeOwner)) {
        return false;
      }
    }
    return true;
  }

  private static boolean interrupted(ProcessInstance instance, ElementInstance scopeOwner) {
    if (!ProcessInstance.ACTIVE.equals(instance.state)) {
      return true;
    }
    Long parentKey = innerParentKey(instance, scopeOwner);
    if (parentKey != null && !instance.elements.containsKey(parentKey)) {
      return true;
    }
    return scopeOwner.interruptedBy != null;
  }

  /** Closes the event-subprocess start events a scope owner has open, leaving boundary events. */
  private void closeEventSubprocessStarts(ProcessInstance instance, ElementInstance scopeOwner) {
    if (scopeOwner.eventKeys == null) {
      return;
    }
    ExecutableProcess graph = graph(instance);
    for (Long key : List.copyOf(scopeOwner.eventKeys)) {
      Timer timer = state.timers.get(key);
      MessageSubscription subscription = state.subscriptions.get(key);
      String elementId =
          timer != null ? timer.elementId : subscription != null ? subscription.elementId : null;
      Node event = elementId == null ? null : graph.nodes().get(elementId);
      if (elementId != null && (event == null || event.kind != ElementKind.EVENT_SUB_START_EVENT)) {
        continue;
      }
      if (timer != null) {
        state.removeTimer(timer);
      }
      if (subscription != null) {
        state.removeSubscription(subscription);
      }
      scopeOwner.eventKeys.remove(key);
    }
    state.touch(instance);
  }

  /**
   * An event subprocess's start event occurred in the scope that owns it. An interrupting one first
   * ends everything else in the scope, other event subprocesses included, and closes the scope's
   * other event-subprocess start events; the scope itself stays active until the event subprocess
   * completes.
   */
  private void triggerEventSubprocess(
      ProcessInstance instance,
      ElementInstance scopeOwner,
      Node start,
      Map<String, Object> variables) {
    Long parentKey = innerParentKey(instance, scopeOwner);
    Node eventSubprocess = start.eventSubprocess;
    if (start.interrupting) {
      closeEventSubprocessStarts(instance, scopeOwner);
      scopeOwner.interruptedBy = eventSubprocess.id;
      for (ElementInstance child : List.copyOf(instance.elements.values())) {
        if (Objects.equals(child.parentKey, parentKey)
            && instance.elements.containsKey(child.key)) {
          terminate(instance, child);
        }
      }
      arrivals(instance, parentKey).clear();
      tokensInFlight.remove(scopeKey(instance, parentKey));
      state.touch(instance);
    }
    ElementInstance element = newElement(instance, eventSubprocess, parentKey);
    try {
      applyInputs(instance, element, eventSubprocess);
      enterEventSubprocess(instance, element, eventSubprocess, variables);
    } catch (ExpressionException e) {
      raiseIncident(
          instance,
          element,
          "IO_MAPPING_ERROR",
          "Failed to enter the event subprocess '" + eventSubprocess.id + "': " + e.getMessage(),
          "ACTIVATE",
          null);
    }
  }

  /** Runs an activated event subprocess: its own event subprocesses, then its start event. */
  private void enterEventSubprocess(
      ProcessInstance instance,
      ElementInstance element,
      Node eventSubprocess,
      Map<String, Object> variables) {
    if (!openEventSubprocesses(instance, element, eventSubprocess.eventSubprocesses)) {
      return;
    }
    ElementInstance start = newElement(instance, eventSubprocess.startEvent, element.key);
    completeElement(instance, start, eventSubprocess.startEvent, variables);
  }

  private static Node errorCatcher(Node node, String errorCode) {
    Node catchAll = null;
    for (Node boundary : node.boundaries) {
      if ("error".equals(boundary.eventType)) {
        if (boundary.errorCode == null) {
          catchAll = catchAll == null ? boundary : catchAll;
        } else if (boundary.errorCode.equals(errorCode)) {
          return boundary;
        }
      }
    }
    return catchAll;
  }

  // ---- Call activities

  private void callProcess(ProcessInstance instance, ElementInstance element, Node node) {
    Map<String, Object> context = context(instance, element);
    String processId = asString(node.calledProcessId.evaluate(context), "called process id");
    ProcessDefinition definition =
        processId == null ? null : state.latestDefinitions.get(processId);
    if (definition == null) {
      throw new ExpressionException(
          "expected process with BPMN process id '"
              + processId
              + "' to be deployed, but not found");
    }
    Node start = definition.graph.noneStart();
    if (start == null) {
      throw new ExpressionException(
          "expected process '" + processId + "' to have a none start event, but it has none");
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    if (node.propagateAllParentVariables) {
      variables.putAll(context);
    } else {
      state.scope(element.key).forEach((name, v) -> variables.put(name, v.value));
    }
    ProcessInstance child =
        startInstance(definition, start, variables, null, null, instance, element);
    element.calledInstanceKey = child.key;
    state.touch(instance);
  }

  /** A called instance completed: its variables flow back and the call activity completes. */
  private void resumeCaller(ProcessInstance child, Map<String, Object> childVariables) {
    ProcessInstance parent = state.instances.get(child.parentProcessInstanceKey);
    ElementInstance caller =
        parent == null ? null : parent.elements.get(child.parentElementInstanceKey);
    if (caller == null || !Long.valueOf(child.key).equals(caller.calledInstanceKey)) {
      return;
    }
    caller.calledInstanceKey = null;
    state.touch(parent);
    Node node = graph(parent).node(caller.elementId);
    Map<String, Object> result =
        node.propagateAllChildVariables || node.hasOutputs() ? childVariables : null;
    completeElement(parent, caller, node, result);
  }

  // ---- Multi-instance

  private void activateLoopBody(ProcessInstance instance, ElementInstance body, Node node) {
    MultiInstance loop = node.multiInstance;
    if (!node.boundaries.isEmpty()) {
      openBoundaries(instance, body, node);
      if (!instance.elements.containsKey(body.key)) {
        return;
      }
    }
    Object collection = Json.plain(loop.inputCollection().evaluate(context(instance, body)));
    if (!(collection instanceof List<?> items)) {
      throw new ExpressionException(
          "expected the input collection to be a list, but was '" + collection + "'");
    }
    body.loopItems = new ArrayList<>(items);
    body.loopNext = 0;
    body.loopCompleted = 0;
    state.touch(instance);
    if (loop.outputCollection() != null) {
      state.setVariable(
          body.key,
          instance.key,
          loop.outputCollection(),
          new ArrayList<>(Collections.nCopies(items.size(), null)));
    }
    if (items.isEmpty()) {
      completeLoopBody(instance, body, node);
    } else if (loop.sequential()) {
      activate(instance, newInner(instance, body, node), node);
    } else {
      List<ElementInstance> inners = new ArrayList<>();
      while (body.loopNext < items.size()) {
        inners.add(newInner(instance, body, node));
      }
      for (ElementInstance inner : inners) {
        agenda.add(
            () -> {
              if (instance.elements.containsKey(inner.key)) {
                activate(instance, inner, node);
              }
            });
      }
    }
  }

  private ElementInstance newInner(ProcessInstance instance, ElementInstance body, Node node) {
    int index = body.loopNext;
    body.loopNext = index + 1;
    ElementInstance inner = newElement(instance, node, body.key);
    inner.loopCounter = index + 1;
    if (node.multiInstance.inputElement() != null) {
      state.setVariable(
          inner.key, instance.key, node.multiInstance.inputElement(), body.loopItems.get(index));
    }
    state.setVariable(inner.key, instance.key, "loopCounter", index + 1);
    return inner;
  }

  private void innerCompleted(ProcessInstance instance, ElementInstance inner, Node node) {
    MultiInstance loop = node.multiInstance;
    ElementInstance body = instance.elements.get(inner.parentKey);
    try {
      if (loop.outputCollection() != null) {
        Object value =
            loop.outputElement() == null
                ? null
                : Json.plain(loop.outputElement().evaluate(context(instance, inner)));
        Variable collection = state.scope(body.key).get(loop.outputCollection());
        List<Object> outputs =
            collection != null && collection.value instanceof List<?> list
                ? new ArrayList<>(list)
                : new ArrayList<>(Collections.nCopies(body.loopItems.size(), null));
        outputs.set(inner.loopCounter - 1, value);
        state.setVariable(body.key, instance.key, loop.outputCollection(), outputs);
      }
    } catch (ExpressionException e) {
      raiseIncident(
          instance,
          inner,
          "EXTRACT_VALUE_ERROR",
          "Failed to evaluate the output element of '" + node.id + "': " + e.getMessage(),
          "COMPLETE",
          null);
      return;
    }
    state.removeElement(instance, inner);
    tokensInFlight.remove(inner.key);
    body.loopCompleted = body.loopCompleted + 1;
    state.touch(instance);
    int active = 0;
    for (ElementInstance element : instance.elements.values()) {
      if (Long.valueOf(body.key).equals(element.parentKey)) {
        active++;
      }
    }
    if (loop.completionCondition() != null) {
      Map<String, Object> context = context(instance, body);
      context.put("numberOfInstances", body.loopItems.size());
      context.put("numberOfActiveInstances", active);
      context.put("numberOfCompletedInstances", body.loopCompleted);
      context.put("numberOfTerminatedInstances", 0);
      Object done;
      try {
        done = loop.completionCondition().evaluate(context);
      } catch (ExpressionException e) {
        raiseIncident(
            instance,
            body,
            "EXTRACT_VALUE_ERROR",
            "Failed to evaluate the completion condition of '" + node.id + "': " + e.getMessage(),
            "COMPLETE",
            null);
        return;
      }
      if (Boolean.TRUE.equals(done)) {
        for (ElementInstance other : List.copyOf(instance.elements.values())) {
          if (Long.valueOf(body.key).equals(other.parentKey)
              && instance.elements.containsKey(other.key)) {
            terminate(instance, other);
          }
        }
        completeLoopBody(instance, body, node);
        return;
      }
    }
    if (body.loopNext < body.loopItems.size()) {
      if (loop.sequential()) {
        activate(instance, newInner(instance, body, node), node);
      }
    } else if (active == 0) {
      completeLoopBody(instance, body, node);
    }
  }

  private void completeLoopBody(ProcessInstance instance, ElementInstance body, Node node) {
    String outputCollection = node.multiInstance.outputCollection();
    if (outputCollection != null) {
      Variable collection = state.scope(body.key).get(outputCollection);
      propagate(
          instance,
          scopeKey(instance, body.parentKey),
          outputCollection,
          collection == null ? List.of() : collection.value);
    }
    leave(instance, body, node.outgoing);
  }

  // ---- Variables

  /** The variables visible in an element: those of every scope from the process down to it. */
  private Map<String, Object> context(ProcessInstance instance, ElementInstance element) {
    Map<String, Object> context = new HashMap<>();
    state.scope(instance.key).forEach((name, v) -> context.put(name, v.value));
    if (element != null) {
      if (element.parentKey == null) {
        state.scope(element.key).forEach((name, v) -> context.put(name, v.value));
      } else {
        ArrayDeque<Long> chain = new ArrayDeque<>();
        for (ElementInstance e = element;
            e != null;
            e = e.parentKey == null ? null : instance.elements.get(e.parentKey)) {
          chain.push(e.key);
        }
        for (Long scope : chain) {
          state.scope(scope).forEach((name, v) -> context.put(name, v.value));
        }
      }
    }
    return context;
  }

  private void applyInputs(ProcessInstance instance, ElementInstance element, Node node) {
    if (node.inputs.isEmpty()) {
      return;
    }
    Map<String, Object> context = context(instance, element);
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
    long parentScope = scopeKey(instance, element.parentKey);
    Map<String, Object> outputs = new LinkedHashMap<>();
    for (Mapping output : node.outputs) {
      Object value = output.source() == null ? null : Json.plain(output.source().evaluate(context));
      String root = rootName(output.target());
      if (!outputs.containsKey(root) && output.target().contains(".")) {
        Object existing = visible(instance, parentScope, root);
        outputs.put(
            root, existing instanceof Map<?, ?> map ? deepCopy(map) : new LinkedHashMap<>());
      }
      setPath(outputs, output.target(), value);
    }
    outputs.forEach((name, value) -> propagate(instance, parentScope, name, value));
  }

  /** The value of a variable as seen from a scope, or null. */
  private Object visible(ProcessInstance instance, long scopeKey, String name) {
    Long key = scopeKey;
    while (key != null) {
      Variable variable = state.scope(key).get(name);
      if (variable != null) {
        return variable.value;
      }
      if (key == instance.key) {
        return null;
      }
      ElementInstance scope = instance.elements.get(key);
      key = scope == null || scope.parentKey == null ? instance.key : scope.parentKey;
    }
    return null;
  }

  /**
   * Sets a variable as Camunda propagates it: in the nearest scope, from {@code scopeKey} upward,
   * that already has it, otherwise in the process instance's scope.
   */
  private void propagate(ProcessInstance instance, long scopeKey, String name, Object value) {
    long key = scopeKey;
    while (key != instance.key) {
      if (state.scope(key).containsKey(name)) {
        state.setVariable(key, instance.key, name, value);
        return;
      }
      ElementInstance scope = instance.elements.get(key);
      if (scope == null || scope.parentKey == null) {
        break;
      }
      key = scope.parentKey;
    }
    state.setVariable(instance.key, instance.key, name, value);
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
    } else if (EVENT_SUBPROCESSES.equals(element.failedStep)) {
      closeEventSubprocessStarts(instance, processScope(instance));
      if (enterProcessScope(instance, element)) {
        completeElement(instance, element, node, null);
      }
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

  /**
   * Makes activated jobs activatable again, as if their locks had lapsed, when each still holds the
   * lock with the given deadline; others were completed, failed or re-locked meanwhile.
   */
  public void releaseJobs(Map<Long, Long> deadlinesByJobKey) {
    deadlinesByJobKey.forEach(
        (key, deadline) -> {
          Job job = state.jobs.get(key);
          if (job != null && Job.ACTIVATED.equals(job.state) && job.deadline == deadline) {
            makeActivatable(job);
          }
        });
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
    ElementInstance element = instance.elements.get(job.elementInstanceKey);
    if (throwError(instance, element, errorCode, errorMessage, variables)) {
      runAgenda();
      return;
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

  private void openSubscription(ProcessInstance instance, ElementInstance owner, Node event) {
    Map<String, Object> context = context(instance, owner);
    String name = asString(event.messageName.evaluate(context), "message name");
    Object key = event.correlationKey.evaluate(context);
    if (!(key instanceof String) && !(key instanceof Number)) {
      throw new ExpressionException(
          "expected the correlation key to be a string or a number, but was " + key);
    }
    MessageSubscription subscription = new MessageSubscription();
    subscription.key = state.newKey();
    subscription.messageName = name;
    subscription.correlationKey = correlationKeyText(key);
    subscription.processInstanceKey = instance.key;
    subscription.elementInstanceKey = owner.key;
    subscription.elementId = event.id;
    subscription.bpmnProcessId = instance.bpmnProcessId;
    Message hit = null;
    for (Message message :
        state.messagesByName.getOrDefault(
            RuntimeState.nameKey(name, subscription.correlationKey), List.of())) {
      if (message.expiresAt > now()
          && !message.correlatedProcessIds.contains(instance.bpmnProcessId)) {
        message.correlatedProcessIds.add(instance.bpmnProcessId);
        state.touch(message);
        hit = message;
        break;
      }
    }
    state.touch(instance);
    boolean staysOpen = event.isNonInterruptingEvent();
    if (hit != null && !staysOpen) {
      triggerEvent(instance, owner, event, hit.variables);
      return;
    }
    addEventKey(owner, event, subscription.key, false);
    state.putSubscription(subscription);
    if (hit != null) {
      triggerEvent(instance, owner, event, hit.variables);
    }
  }

  /** Signal subscriptions share the subscription index under a key no message can have. */
  static final String SIGNAL = "\u0001signal";

  private void openSignalSubscription(ProcessInstance instance, ElementInstance owner, Node event) {
    String name = asString(event.signalName.evaluate(context(instance, owner)), "signal name");
    MessageSubscription subscription = new MessageSubscription();
    subscription.key = state.newKey();
    subscription.messageName = name;
    subscription.correlationKey = SIGNAL;
    subscription.signal = true;
    subscription.processInstanceKey = instance.key;
    subscription.elementInstanceKey = owner.key;
    subscription.elementId = event.id;
    subscription.bpmnProcessId = instance.bpmnProcessId;
    addEventKey(owner, event, subscription.key, false);
    state.touch(instance);
    state.putSubscription(subscription);
  }

  /** Broadcasts a signal to signal start events and to every open signal subscription. */
  public long broadcastSignal(String name, Map<String, Object> variables) {
    long signalKey = state.newKey();
    for (ProcessDefinition definition : List.copyOf(state.latestDefinitions.values())) {
      for (Node start : definition.graph.signalStarts()) {
        if (start.signalName.text().equals(name)) {
          startInstance(definition, start, null, variables, null, null, null);
        }
      }
    }
    List<MessageSubscription> waiting =
        state.subscriptionsByName.get(RuntimeState.nameKey(name, SIGNAL));
    if (waiting != null) {
      for (MessageSubscription subscription : List.copyOf(waiting)) {
        if (state.subscriptions.containsKey(subscription.key)) {
          deliver(subscription, variables);
        }
      }
    }
    runAgenda();
    return signalKey;
  }

  /** A message or signal reached a subscription: its event occurs for the token that owns it. */
  private void deliver(MessageSubscription subscription, Map<String, Object> variables) {
    ProcessInstance instance = state.instances.get(subscription.processInstanceKey);
    ElementInstance owner =
        instance == null ? null : owner(instance, subscription.elementInstanceKey);
    Node event = instance == null ? null : graph(instance).node(subscription.elementId);
    if (owner == null) {
      state.removeSubscription(subscription);
      return;
    }
    if (!event.isNonInterruptingEvent()) {
      state.removeSubscription(subscription);
      if (owner.eventKeys != null) {
        owner.eventKeys.remove(subscription.key);
      }
    }
    state.touch(instance);
    triggerEvent(instance, owner, event, variables);
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
    return startInstance(definition, start, null, message.variables, key, null, null);
  }

  private Long correlateToSubscriptions(Message message, boolean firstOnly) {
    List<MessageSubscription> waiting =
        state.subscriptionsByName.get(RuntimeState.nameKey(message.name, message.correlationKey));
    if (waiting == null || waiting.isEmpty()) {
      return null;
    }
    Long first = null;
    for (MessageSubscription subscription : List.copyOf(waiting)) {
      if (message.correlatedProcessIds.contains(subscription.bpmnProcessId)
          || !state.subscriptions.containsKey(subscription.key)) {
        continue;
      }
      message.correlatedProcessIds.add(subscription.bpmnProcessId);
      deliver(subscription, message.variables);
      if (first == null) {
        first = subscription.processInstanceKey;
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

  private void createTimer(ProcessInstance instance, ElementInstance owner, Node event) {
    Timer timer = new Timer();
    scheduleTimer(timer, event, context(instance, owner));
    timer.key = state.newKey();
    timer.processInstanceKey = instance.key;
    timer.elementInstanceKey = owner.key;
    timer.elementId = event.id;
    state.putTimer(timer);
    addEventKey(owner, event, timer.key, true);
    state.touch(instance);
  }

  /** Sets a timer's first due date (and its cycle) from the event's time definition. */
  private void scheduleTimer(Timer timer, Node event, Map<String, Object> context) {
    if (event.timeDuration != null) {
      timer.dueDate = now() + toDuration(event.timeDuration.evaluate(context)).toMillis();
    } else if (event.timeDate != null) {
      timer.dueDate = toInstant(event.timeDate.evaluate(context));
    } else {
      String text = asString(event.timeCycle.evaluate(context), "time cycle");
      TimerCycle cycle = TimerCycle.parse(String.valueOf(text), now(), event.id);
      timer.dueDate = cycle.firstDue(now());
      timer.cycle = text;
      timer.repetitionsLeft = cycle.repetitions() < 0 ? -1 : cycle.repetitions() - 1;
    }
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
    if (timer.processDefinitionKey != null) {
      fireStartTimer(timer, now);
      return;
    }
    ProcessInstance instance = state.instances.get(timer.processInstanceKey);
    ElementInstance owner = instance == null ? null : owner(instance, timer.elementInstanceKey);
    if (owner == null) {
      state.removeTimer(timer);
      return;
    }
    Node event = graph(instance).node(timer.elementId);
    if (timer.cycle != null && timer.repetitionsLeft != 0) {
      timer.dueDate = TimerCycle.parse(timer.cycle, now, event.id).nextDue(timer.dueDate);
      if (timer.repetitionsLeft > 0) {
        timer.repetitionsLeft--;
      }
      state.putTimer(timer);
    } else {
      state.removeTimer(timer);
      if (owner.eventKeys != null) {
        owner.eventKeys.remove(timer.key);
      }
    }
    state.touch(instance);
    triggerEvent(instance, owner, event, null);
  }

  /**
   * A timer start event is due: it starts one instance of its version, in the same batch that moves
   * the timer on, so a crash before the commit neither loses nor repeats the start.
   */
  private void fireStartTimer(Timer timer, long now) {
    ProcessDefinition definition = state.definitions.get(timer.processDefinitionKey);
    if (definition == null || state.latestDefinitions.get(definition.bpmnProcessId) != definition) {
      state.removeTimer(timer);
      return;
    }
    Node start = definition.graph.node(timer.elementId);
    if (timer.cycle != null && timer.repetitionsLeft != 0) {
      timer.dueDate = TimerCycle.parse(timer.cycle, now, start.id).nextDue(timer.dueDate, now);
      if (timer.repetitionsLeft > 0) {
        timer.repetitionsLeft--;
      }
      state.putTimer(timer);
    } else {
      state.removeTimer(timer);
    }
    startInstance(definition, start, null, null, null, null, null);
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
    makeActivatable(job);
  }

  private void makeActivatable(Job job) {
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
