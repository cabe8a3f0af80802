package io.cityflow.engine.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.Error;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.Signal;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeOutput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Zeebe-dialect BPMN and compiles each executable process into an {@link ExecutableProcess}.
 * Every problem found is collected, so one failed deployment names all unsupported elements.
 */
public final class BpmnCompiler {

  private final Feel feel;

  public BpmnCompiler(Feel feel) {
    this.feel = feel;
  }

  public List<ExecutableProcess> compile(String resourceName, byte[] xml) {
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
    } catch (RuntimeException e) {
      throw EngineException.invalid(
          "Resource '" + resourceName + "' is not valid BPMN XML: " + rootMessage(e));
    }
    List<String> problems = new ArrayList<>();
    List<ExecutableProcess> processes = new ArrayList<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.isExecutable()) {
        processes.add(compileProcess(process, problems));
      }
    }
    if (processes.isEmpty() && problems.isEmpty()) {
      problems.add("it contains no executable process");
    }
    if (!problems.isEmpty()) {
      throw EngineException.invalid(
          "Resource '" + resourceName + "' cannot be deployed: " + String.join("; ", problems));
    }
    return processes;
  }

  private ExecutableProcess compileProcess(Process process, List<String> problems) {
    Map<String, Node> nodes = new LinkedHashMap<>();
    Scope root = compileScope(process.getFlowElements(), nodes, problems);
    Node noneStart = null;
    List<Node> messageStarts = new ArrayList<>();
    List<Node> signalStarts = new ArrayList<>();
    List<Node> timerStarts = new ArrayList<>();
    String startFormId = null;
    for (Node node : root.starts()) {
      switch (node.kind) {
        case START_EVENT -> noneStart = node;
        case MESSAGE_START_EVENT -> messageStarts.add(node);
        case SIGNAL_START_EVENT -> signalStarts.add(node);
        case TIMER_START_EVENT -> timerStarts.add(node);
        default -> {}
      }
    }
    for (FlowElement element : process.getFlowElements()) {
      if (element instanceof StartEvent start && start.getEventDefinitions().isEmpty()) {
        ZeebeFormDefinition form = element.getSingleExtensionElement(ZeebeFormDefinition.class);
        if (form != null && form.getFormId() != null && !form.getFormId().isBlank()) {
          startFormId = form.getFormId();
        }
      }
    }
    if (noneStart == null
        && messageStarts.isEmpty()
        && signalStarts.isEmpty()
        && timerStarts.isEmpty()) {
      problems.add(
          "process '" + process.getId() + "' has no none, message, signal or timer start event");
    }
    return new ExecutableProcess(
        process.getId(),
        process.getName(),
        Map.copyOf(nodes),
        noneStart,
        List.copyOf(messageStarts),
        List.copyOf(signalStarts),
        List.copyOf(timerStarts),
        root.eventSubprocesses(),
        startFormId);
  }

  /** The start events and event subprocesses of one scope (the process or a subprocess). */
  private record Scope(List<Node> starts, List<Node> eventSubprocesses, List<Node> nodes) {

    /** Marks the scope's own elements as directly inside the (event) subprocess {@code id}. */
    void belongTo(String id) {
      nodes.forEach(node -> node.flowScope = id);
    }
  }

  /** Compiles the elements of one scope, recursing into embedded subprocesses. */
  private Scope compileScope(
      Collection<FlowElement> elements, Map<String, Node> nodes, List<String> problems) {
    Map<String, Node> local = new LinkedHashMap<>();
    Map<String, Flow> flows = new LinkedHashMap<>();
    List<SequenceFlow> sequenceFlows = new ArrayList<>();
    List<Node> starts = new ArrayList<>();
    List<Node> eventSubprocesses = new ArrayList<>();
    List<BoundaryEvent> boundaryEvents = new ArrayList<>();
    for (FlowElement element : elements) {
      if (element instanceof SequenceFlow flow) {
        sequenceFlows.add(flow);
        continue;
      }
      if (element instanceof BoundaryEvent boundary) {
        boundaryEvents.add(boundary);
      }
      try {
        Node node = compileNode(element, nodes, problems);
        if (node == null) {
          continue;
        }
        nodes.put(node.id, node);
        local.put(node.id, node);
        switch (node.kind) {
          case START_EVENT,
              MESSAGE_START_EVENT,
              SIGNAL_START_EVENT,
              TIMER_START_EVENT,
              EVENT_SUB_START_EVENT ->
              starts.add(node);
          case EVENT_SUB_PROCESS -> eventSubprocesses.add(node);
          default -> {}
        }
      } catch (EngineException e) {
        problems.add(e.getMessage());
      }
    }
    for (BoundaryEvent boundary : boundaryEvents) {
      Node node = local.get(boundary.getId());
      Node attached =
          boundary.getAttachedTo() == null ? null : local.get(boundary.getAttachedTo().getId());
      if (node != null && attached != null) {
        attached.boundaries.add(node);
      } else if (node != null) {
        problems.add("boundary event '" + boundary.getId() + "' is not attached to an activity");
      }
    }
    for (SequenceFlow sequenceFlow : sequenceFlows) {
      Node source = local.get(sequenceFlow.getSource().getId());
      Node target = local.get(sequenceFlow.getTarget().getId());
      if (source == null || target == null) {
        continue;
      }
      Expression condition = null;
      if (sequenceFlow.getConditionExpression() != null
          && sequenceFlow.getConditionExpression().getTextContent() != null) {
        String text = sequenceFlow.getConditionExpression().getTextContent();
        try {
          condition =
              Expression.of(text, feel, "condition of sequence flow " + sequenceFlow.getId());
          if (condition != null && condition.isStatic()) {
            problems.add(
                "condition of sequence flow '" + sequenceFlow.getId() + "' must start with '='");
          }
        } catch (EngineException e) {
          problems.add(e.getMessage());
        }
      }
      Flow flow = new Flow(sequenceFlow.getId(), condition);
      flow.target(target);
      flows.put(flow.id(), flow);
      source.outgoing.add(flow);
      target.incomingFlowIds.add(flow.id());
    }
    for (FlowElement element : elements) {
      SequenceFlow defaultFlow = null;
      if (element instanceof ExclusiveGateway gateway) {
        defaultFlow = gateway.getDefault();
      } else if (element instanceof InclusiveGateway gateway) {
        defaultFlow = gateway.getDefault();
      }
      Node node = local.get(element.getId());
      if (node != null && defaultFlow != null) {
        node.defaultFlow = flows.get(defaultFlow.getId());
      }
    }
    for (Node node : local.values()) {
      if (node.kind == ElementKind.EVENT_BASED_GATEWAY) {
        for (Flow flow : node.outgoing) {
          ElementKind target = flow.target().kind;
          if (target != ElementKind.MESSAGE_CATCH_EVENT
              && target != ElementKind.TIMER_CATCH_EVENT
              && target != ElementKind.SIGNAL_CATCH_EVENT) {
            problems.add(
                "event-based gateway '"
                    + node.id
                    + "' must lead only to message, timer or signal catch events");
          }
        }
      }
      if (node.kind == ElementKind.INCLUSIVE_GATEWAY && node.incomingFlowIds.size() > 1) {
        node.upstream = upstreamOf(node, local.values());
      }
    }
    return new Scope(starts, List.copyOf(eventSubprocesses), List.copyOf(local.values()));
  }

  /** The elements of the scope from which a token can reach the node, boundary paths included. */
  private static Set<String> upstreamOf(Node join, Collection<Node> scope) {
    Map<String, List<Node>> predecessors = new HashMap<>();
    for (Node node : scope) {
      for (Flow flow : node.outgoing) {
        predecessors.computeIfAbsent(flow.target().id, k -> new ArrayList<>()).add(node);
      }
      for (Node boundary : node.boundaries) {
        predecessors.computeIfAbsent(boundary.id, k -> new ArrayList<>()).add(node);
      }
    }
    Set<String> seen = new HashSet<>();
    ArrayDeque<String> work = new ArrayDeque<>(List.of(join.id));
    while (!work.isEmpty()) {
      for (Node predecessor : predecessors.getOrDefault(work.poll(), List.of())) {
        if (seen.add(predecessor.id)) {
          work.add(predecessor.id);
        }
      }
    }
    seen.remove(join.id);
    return Set.copyOf(seen);
  }

  private Node compileNode(FlowElement element, Map<String, Node> nodes, List<String> problems) {
    Node node = compileElement(element, nodes, problems);
    if (node != null && element instanceof Activity activity) {
      if (activity.getLoopCharacteristics() != null) {
        node.multiInstance = multiInstance(activity, problems);
      }
    }
    return node;
  }

  private MultiInstance multiInstance(Activity activity, List<String> problems) {
    String id = activity.getId();
    if (!(activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics loop)) {
      problems.add("element '" + id + "' of type 'standardLoopCharacteristics' is not supported");
      return null;
    }
    ZeebeLoopCharacteristics zeebe = loop.getSingleExtensionElement(ZeebeLoopCharacteristics.class);
    if (zeebe == null || zeebe.getInputCollection() == null) {
      throw EngineException.invalid(
          "multi-instance activity '" + id + "' needs a zeebe:loopCharacteristics inputCollection");
    }
    Expression completion = null;
    if (loop.getCompletionCondition() != null
        && loop.getCompletionCondition().getTextContent() != null
        && !loop.getCompletionCondition().getTextContent().isBlank()) {
      completion =
          Expression.feel(
              loop.getCompletionCondition().getTextContent(), feel, "completionCondition of " + id);
    }
    return new MultiInstance(
        loop.isSequential(),
        Expression.feel(zeebe.getInputCollection(), feel, "inputCollection of " + id),
        blankToNull(zeebe.getInputElement()),
        blankToNull(zeebe.getOutputCollection()),
        zeebe.getOutputElement() == null || zeebe.getOutputElement().isBlank()
            ? null
            : Expression.feel(zeebe.getOutputElement(), feel, "outputElement of " + id),
        completion);
  }

  private Node compileElement(FlowElement element, Map<String, Node> nodes, List<String> problems) {
    String id = element.getId();
    String name = element.getName();
    if (element instanceof StartEvent start) {
      Collection<EventDefinition> definitions = start.getEventDefinitions();
      if (start.getParentElement() instanceof SubProcess parent && parent.triggeredByEvent()) {
        return eventSubprocessStart(start, problems);
      }
      if (definitions.size() == 1
          && definitions.iterator().next() instanceof TimerEventDefinition t) {
        Node node = new Node(id, name, ElementKind.TIMER_START_EVENT);
        timer(t, node);
        for (Expression time :
            new Expression[] {node.timeDate, node.timeCycle, node.timeDuration}) {
          if (time != null && !time.isStatic()) {
            try {
              time.evaluate(Map.of());
            } catch (ExpressionException e) {
              throw EngineException.invalid(
                  "the timer of start event '" + id + "' cannot be evaluated: " + e.getMessage());
            }
          }
        }
        node.outputs = outputs(element);
        return node;
      }
      if (definitions.isEmpty()) {
        return new Node(id, name, ElementKind.START_EVENT);
      }
      if (definitions.size() == 1
          && definitions.iterator().next() instanceof MessageEventDefinition m) {
        Node node = new Node(id, name, ElementKind.MESSAGE_START_EVENT);
        node.messageName = messageName(m, id);
        if (!node.messageName.isStatic()) {
          Object evaluated = node.messageName.evaluate(Map.of());
          node.messageName = Expression.of(String.valueOf(evaluated), feel, id);
        }
        node.outputs = outputs(element);
        return node;
      }
      if (definitions.size() == 1
          && definitions.iterator().next() instanceof SignalEventDefinition s) {
        Node node = new Node(id, name, ElementKind.SIGNAL_START_EVENT);
        node.signalName = signalName(s, id);
        if (!node.signalName.isStatic()) {
          Object evaluated = node.signalName.evaluate(Map.of());
          node.signalName = Expression.of(String.valueOf(evaluated), feel, id);
        }
        node.outputs = outputs(element);
        return node;
      }
      return unsupported(element, eventType("startEvent", definitions), problems);
    }
    if (element instanceof EndEvent end) {
      Collection<EventDefinition> definitions = end.getEventDefinitions();
      if (definitions.isEmpty()) {
        return new Node(id, name, ElementKind.END_EVENT);
      }
      if (definitions.size() == 1) {
        EventDefinition definition = definitions.iterator().next();
        if (definition instanceof TerminateEventDefinition) {
          return new Node(id, name, ElementKind.TERMINATE_END_EVENT);
        }
        if (definition instanceof ErrorEventDefinition e) {
          Node node = new Node(id, name, ElementKind.ERROR_END_EVENT);
          node.errorCode = errorCode(e);
          if (node.errorCode == null) {
            throw EngineException.invalid("error end event '" + id + "' needs an error code");
          }
          mappings(element, node);
          return node;
        }
      }
      return unsupported(element, eventType("endEvent", definitions), problems);
    }
    if (element instanceof BoundaryEvent boundary) {
      return boundaryEvent(boundary, problems);
    }
    if (element instanceof ServiceTask) {
      return jobTask(element, id, name);
    }
    if (element instanceof ScriptTask) {
      ZeebeScript script = element.getSingleExtensionElement(ZeebeScript.class);
      if (script == null) {
        if (element.getSingleExtensionElement(ZeebeTaskDefinition.class) != null) {
          return jobTask(element, id, name);
        }
        throw EngineException.invalid(
            "script task '" + id + "' needs zeebe:script or zeebe:taskDefinition");
      }
      Node node = new Node(id, name, ElementKind.SCRIPT_TASK);
      if (script.getExpression() == null || script.getResultVariable() == null) {
        throw EngineException.invalid(
            "script task '" + id + "' needs a zeebe:script expression and resultVariable");
      }
      node.script = Expression.feel(script.getExpression(), feel, "script of " + id);
      node.resultVariable = script.getResultVariable();
      mappings(element, node);
      return node;
    }
    if (element instanceof BusinessRuleTask) {
      ZeebeCalledDecision decision = element.getSingleExtensionElement(ZeebeCalledDecision.class);
      if (decision == null) {
        if (element.getSingleExtensionElement(ZeebeTaskDefinition.class) != null) {
          return jobTask(element, id, name);
        }
        throw EngineException.invalid(
            "business rule task '" + id + "' needs zeebe:calledDecision or zeebe:taskDefinition");
      }
      if (decision.getDecisionId() == null
          || decision.getDecisionId().isBlank()
          || decision.getResultVariable() == null
          || decision.getResultVariable().isBlank()) {
        throw EngineException.invalid(
            "business rule task '" + id + "' needs a decisionId and a resultVariable");
      }
      Node node = new Node(id, name, ElementKind.BUSINESS_RULE_TASK);
      node.decisionId = Expression.of(decision.getDecisionId(), feel, "decisionId of " + id);
      node.resultVariable = decision.getResultVariable();
      mappings(element, node);
      return node;
    }
    if (element instanceof UserTask) {
      if (element.getSingleExtensionElement(ZeebeUserTask.class) == null) {
        return unsupported(element, "job-worker userTask (no zeebe:userTask)", problems);
      }
      return userTask(element, id, name);
    }
    if (element instanceof CallActivity) {
      ZeebeCalledElement called = element.getSingleExtensionElement(ZeebeCalledElement.class);
      if (called == null || called.getProcessId() == null || called.getProcessId().isBlank()) {
        throw EngineException.invalid(
            "call activity '" + id + "' needs a zeebe:calledElement processId");
      }
      Node node = new Node(id, name, ElementKind.CALL_ACTIVITY);
      node.calledProcessId = Expression.of(called.getProcessId(), feel, "processId of " + id);
      node.propagateAllChildVariables = called.isPropagateAllChildVariablesEnabled();
      node.propagateAllParentVariables = called.isPropagateAllParentVariablesEnabled();
      mappings(element, node);
      return node;
    }
    if (element instanceof SubProcess sub
        && "subProcess".equals(typeName(element))
        && !sub.triggeredByEvent()) {
      Node node = new Node(id, name, ElementKind.SUB_PROCESS);
      Scope scope = compileScope(sub.getFlowElements(), nodes, problems);
      scope.belongTo(id);
      for (Node start : scope.starts()) {
        if (start.kind == ElementKind.START_EVENT && node.startEvent == null) {
          node.startEvent = start;
        } else {
          problems.add(
              "embedded subprocess '"
                  + id
                  + "' must have exactly one none start event, but '"
                  + start.id
                  + "' is another");
        }
      }
      if (node.startEvent == null) {
        problems.add("embedded subprocess '" + id + "' has no none start event");
      }
      node.eventSubprocesses = scope.eventSubprocesses();
      mappings(element, node);
      return node;
    }
    if (element instanceof SubProcess sub && sub.triggeredByEvent()) {
      Node node = new Node(id, name, ElementKind.EVENT_SUB_PROCESS);
      Scope scope = compileScope(sub.getFlowElements(), nodes, problems);
      scope.belongTo(id);
      for (Node start : scope.starts()) {
        if (start.kind == ElementKind.EVENT_SUB_START_EVENT && node.startEvent == null) {
          node.startEvent = start;
          start.eventSubprocess = node;
        } else {
          problems.add(
              "event subprocess '"
                  + id
                  + "' must have exactly one message, timer, signal or error start event, but '"
                  + start.id
                  + "' is another");
        }
      }
      if (node.startEvent == null && scope.starts().isEmpty()) {
        problems.add("event subprocess '" + id + "' has no start event");
      }
      node.eventSubprocesses = scope.eventSubprocesses();
      mappings(element, node);
      return node;
    }
    if (element instanceof ExclusiveGateway) {
      return new Node(id, name, ElementKind.EXCLUSIVE_GATEWAY);
    }
    if (element instanceof ParallelGateway) {
      return new Node(id, name, ElementKind.PARALLEL_GATEWAY);
    }
    if (element instanceof InclusiveGateway) {
      return new Node(id, name, ElementKind.INCLUSIVE_GATEWAY);
    }
    if (element instanceof EventBasedGateway) {
      return new Node(id, name, ElementKind.EVENT_BASED_GATEWAY);
    }
    if (element instanceof IntermediateCatchEvent catchEvent) {
      Collection<EventDefinition> definitions = catchEvent.getEventDefinitions();
      if (definitions.size() == 1) {
        EventDefinition definition = definitions.iterator().next();
        if (definition instanceof MessageEventDefinition m) {
          Node node = new Node(id, name, ElementKind.MESSAGE_CATCH_EVENT);
          message(m, node);
          mappings(element, node);
          return node;
        }
        if (definition instanceof TimerEventDefinition t) {
          Node node = new Node(id, name, ElementKind.TIMER_CATCH_EVENT);
          timer(t, node);
          if (node.timeCycle != null) {
            return unsupported(element, "intermediateCatchEvent with timeCycle", problems);
          }
          mappings(element, node);
          return node;
        }
        if (definition instanceof SignalEventDefinition s) {
          Node node = new Node(id, name, ElementKind.SIGNAL_CATCH_EVENT);
          node.signalName = signalName(s, id);
          mappings(element, node);
          return node;
        }
      }
      return unsupported(element, eventType("intermediateCatchEvent", definitions), problems);
    }
    return unsupported(element, typeName(element), problems);
  }

  private Node boundaryEvent(BoundaryEvent boundary, List<String> problems) {
    return triggeredEvent(boundary, boundary.cancelActivity(), BOUNDARY, problems);
  }

  /**
   * The start event of an event subprocess: message, timer, signal or error. It interrupts its
   * scope unless {@code isInterrupting="false"}; an error start event always interrupts.
   */
  private Node eventSubprocessStart(StartEvent start, List<String> problems) {
    return triggeredEvent(start, start.isInterrupting(), EVENT_SUBPROCESS_START, problems);
  }

  /**
   * What tells a boundary event from the start event of an event subprocess when they are compiled:
   * the node kind, the type named in problems and the wording of the two errors (each with one
   * {@code %s} for the element id).
   */
  private record Trigger(
      ElementKind kind, String type, String cyclingTimer, String nonInterruptingError) {}

  private static final Trigger BOUNDARY =
      new Trigger(
          ElementKind.BOUNDARY_EVENT,
          "boundaryEvent",
          "interrupting timer boundary event '%s' cannot have a time cycle",
          "error boundary event '%s' must interrupt");

  private static final Trigger EVENT_SUBPROCESS_START =
      new Trigger(
          ElementKind.EVENT_SUB_START_EVENT,
          "event subprocess startEvent",
          "interrupting timer start event '%s' of an event subprocess cannot cycle",
          "error start event '%s' must interrupt");

  /** A catch event with one timer, message, signal or error definition that starts a scope. */
  private Node triggeredEvent(
      CatchEvent event, boolean interrupting, Trigger trigger, List<String> problems) {
    String id = event.getId();
    Collection<EventDefinition> definitions = event.getEventDefinitions();
    if (definitions.size() != 1) {
      return unsupported(event, eventType(trigger.type(), definitions), problems);
    }
    Node node = new Node(id, event.getName(), trigger.kind());
    node.interrupting = interrupting;
    EventDefinition definition = definitions.iterator().next();
    if (definition instanceof TimerEventDefinition t) {
      node.eventType = "timer";
      timer(t, node);
      if (node.timeCycle != null && node.interrupting) {
        throw EngineException.invalid(trigger.cyclingTimer().formatted(id));
      }
    } else if (definition instanceof MessageEventDefinition m) {
      node.eventType = "message";
      message(m, node);
    } else if (definition instanceof SignalEventDefinition s) {
      node.eventType = "signal";
      node.signalName = signalName(s, id);
    } else if (definition instanceof ErrorEventDefinition e) {
      node.eventType = "error";
      node.errorCode = errorCode(e);
      errorVariables(event, e, node);
      if (!node.interrupting) {
        throw EngineException.invalid(trigger.nonInterruptingError().formatted(id));
      }
    } else {
      return unsupported(event, eventType(trigger.type(), definitions), problems);
    }
    node.outputs = outputs(event);
    return node;
  }

  private static final String ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0";
  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

  /**
   * {@code errorCodeVariable} and {@code errorMessageVariable}, read from the error event
   * definition or the catch event, in the zeebe namespace (or the Camunda 7 one, for migrated
   * models).
   */
  private static void errorVariables(
      FlowElement event, ErrorEventDefinition definition, Node node) {
    node.errorCodeVariable = extensionAttribute(event, definition, "errorCodeVariable");
    node.errorMessageVariable = extensionAttribute(event, definition, "errorMessageVariable");
  }

  private static String extensionAttribute(
      FlowElement event, ErrorEventDefinition definition, String name) {
    for (BaseElement holder : List.of(definition, event)) {
      for (String namespace : List.of(ZEEBE_NS, CAMUNDA_NS)) {
        String value = blankToNull(holder.getAttributeValueNs(namespace, name));
        if (value != null) {
          return value.trim();
        }
      }
    }
    return null;
  }

  private void message(MessageEventDefinition m, Node node) {
    node.messageName = messageName(m, node.id);
    ZeebeSubscription subscription =
        m.getMessage().getSingleExtensionElement(ZeebeSubscription.class);
    if (subscription == null || subscription.getCorrelationKey() == null) {
      throw EngineException.invalid(
          "message event '" + node.id + "' needs a zeebe:subscription correlationKey");
    }
    node.correlationKey =
        Expression.of(subscription.getCorrelationKey(), feel, "correlation key of " + node.id);
  }

  private void timer(TimerEventDefinition t, Node node) {
    String where = "timer of " + node.id;
    if (t.getTimeDuration() != null) {
      node.timeDuration = Expression.of(t.getTimeDuration().getTextContent(), feel, where);
    } else if (t.getTimeDate() != null) {
      node.timeDate = Expression.of(t.getTimeDate().getTextContent(), feel, where);
    } else if (t.getTimeCycle() != null) {
      node.timeCycle = Expression.of(t.getTimeCycle().getTextContent(), feel, where);
    }
    if (node.timeDuration == null && node.timeDate == null && node.timeCycle == null) {
      throw EngineException.invalid("timer event '" + node.id + "' needs a time definition");
    }
    if (node.timeCycle != null && node.timeCycle.isStatic()) {
      try {
        TimerCycle.parse(node.timeCycle.text(), 0, node.id);
      } catch (ExpressionException e) {
        throw EngineException.invalid(e.getMessage());
      }
    }
  }

  private Expression signalName(SignalEventDefinition definition, String id) {
    Signal signal = definition.getSignal();
    if (signal == null || signal.getName() == null || signal.getName().isBlank()) {
      throw EngineException.invalid("signal event '" + id + "' needs a signal with a name");
    }
    return Expression.of(signal.getName(), feel, "signal name of " + id);
  }

  private static String errorCode(ErrorEventDefinition definition) {
    Error error = definition.getError();
    return error == null ? null : blankToNull(error.getErrorCode());
  }

  private Node jobTask(FlowElement element, String id, String name) {
    ZeebeTaskDefinition definition = element.getSingleExtensionElement(ZeebeTaskDefinition.class);
    if (definition == null || definition.getType() == null || definition.getType().isBlank()) {
      throw EngineException.invalid(
          typeName(element) + " '" + id + "' needs a zeebe:taskDefinition with a type");
    }
    Node node = new Node(id, name, ElementKind.SERVICE_TASK);
    node.jobType = Expression.of(definition.getType(), feel, "job type of " + id);
    node.jobRetries =
        Expression.of(
            definition.getRetries() == null ? "3" : definition.getRetries(),
            feel,
            "retries of " + id);
    node.headers = headers(element);
    mappings(element, node);
    return node;
  }

  private Node userTask(FlowElement element, String id, String name) {
    Node node = new Node(id, name, ElementKind.USER_TASK);
    ZeebeAssignmentDefinition assignment =
        element.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
    if (assignment != null) {
      node.assignee = Expression.of(assignment.getAssignee(), feel, "assignee of " + id);
      node.candidateGroups =
          Expression.of(assignment.getCandidateGroups(), feel, "candidateGroups of " + id);
      node.candidateUsers =
          Expression.of(assignment.getCandidateUsers(), feel, "candidateUsers of " + id);
    }
    ZeebeTaskSchedule schedule = element.getSingleExtensionElement(ZeebeTaskSchedule.class);
    if (schedule != null) {
      node.dueDate = Expression.of(schedule.getDueDate(), feel, "dueDate of " + id);
      node.followUpDate = Expression.of(schedule.getFollowUpDate(), feel, "followUpDate of " + id);
    }
    ZeebePriorityDefinition priority =
        element.getSingleExtensionElement(ZeebePriorityDefinition.class);
    if (priority != null) {
      node.priority = Expression.of(priority.getPriority(), feel, "priority of " + id);
    }
    ZeebeFormDefinition form = element.getSingleExtensionElement(ZeebeFormDefinition.class);
    if (form != null) {
      node.formId = blankToNull(form.getFormId());
      node.externalFormReference = blankToNull(form.getExternalReference());
    }
    node.headers = headers(element);
    mappings(element, node);
    return node;
  }

  private Expression messageName(MessageEventDefinition definition, String id) {
    Message message = definition.getMessage();
    if (message == null || message.getName() == null || message.getName().isBlank()) {
      throw EngineException.invalid("message event '" + id + "' needs a message with a name");
    }
    return Expression.of(message.getName(), feel, "message name of " + id);
  }

  private void mappings(FlowElement element, Node node) {
    ZeebeIoMapping io = element.getSingleExtensionElement(ZeebeIoMapping.class);
    if (io == null) {
      return;
    }
    List<Mapping> inputs = new ArrayList<>();
    for (ZeebeInput input : io.getInputs()) {
      inputs.add(mapping(input.getSource(), input.getTarget(), node.id));
    }
    node.inputs = List.copyOf(inputs);
    node.outputs = outputs(element);
  }

  private List<Mapping> outputs(FlowElement element) {
    ZeebeIoMapping io = element.getSingleExtensionElement(ZeebeIoMapping.class);
    if (io == null) {
      return List.of();
    }
    List<Mapping> outputs = new ArrayList<>();
    for (ZeebeOutput output : io.getOutputs()) {
      outputs.add(mapping(output.getSource(), output.getTarget(), element.getId()));
    }
    return List.copyOf(outputs);
  }

  private Mapping mapping(String source, String target, String id) {
    if (target == null || target.isBlank()) {
      throw EngineException.invalid("a mapping of '" + id + "' has no target");
    }
    Expression expression =
        source == null || source.isBlank()
            ? null
            : Expression.of(source, feel, "mapping source of " + id);
    return new Mapping(expression, target.trim());
  }

  private static Map<String, String> headers(BaseElement element) {
    ZeebeTaskHeaders headers = element.getSingleExtensionElement(ZeebeTaskHeaders.class);
    if (headers == null) {
      return Map.of();
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (ZeebeHeader header : headers.getHeaders()) {
      result.put(header.getKey(), header.getValue());
    }
    return result;
  }

  private static Node unsupported(FlowElement element, String type, List<String> problems) {
    problems.add("element '" + element.getId() + "' of type '" + type + "' is not supported");
    return null;
  }

  private static String eventType(String base, Collection<EventDefinition> definitions) {
    StringBuilder type = new StringBuilder(base);
    for (EventDefinition definition : definitions) {
      type.append(" with ").append(definition.getElementType().getTypeName());
    }
    return type.toString();
  }

  private static String typeName(FlowElement element) {
    return element.getElementType().getTypeName();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
