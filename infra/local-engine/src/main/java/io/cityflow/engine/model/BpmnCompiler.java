package io.cityflow.engine.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeOutput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    Map<String, Flow> flows = new LinkedHashMap<>();
    List<SequenceFlow> sequenceFlows = new ArrayList<>();
    Node noneStart = null;
    List<Node> messageStarts = new ArrayList<>();
    String startFormId = null;
    for (FlowElement element : process.getFlowElements()) {
      if (element instanceof SequenceFlow flow) {
        sequenceFlows.add(flow);
        continue;
      }
      try {
        Node node = compileNode(element, problems);
        if (node == null) {
          continue;
        }
        nodes.put(node.id, node);
        if (node.kind == ElementKind.START_EVENT) {
          noneStart = node;
          ZeebeFormDefinition form = element.getSingleExtensionElement(ZeebeFormDefinition.class);
          if (form != null && form.getFormId() != null && !form.getFormId().isBlank()) {
            startFormId = form.getFormId();
          }
        } else if (node.kind == ElementKind.MESSAGE_START_EVENT) {
          messageStarts.add(node);
        }
      } catch (EngineException e) {
        problems.add(e.getMessage());
      }
    }
    for (SequenceFlow sequenceFlow : sequenceFlows) {
      Node source = nodes.get(sequenceFlow.getSource().getId());
      Node target = nodes.get(sequenceFlow.getTarget().getId());
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
    for (FlowElement element : process.getFlowElements()) {
      if (element instanceof ExclusiveGateway gateway && gateway.getDefault() != null) {
        Node node = nodes.get(gateway.getId());
        if (node != null) {
          node.defaultFlow = flows.get(gateway.getDefault().getId());
        }
      }
    }
    if (noneStart == null && messageStarts.isEmpty()) {
      problems.add("process '" + process.getId() + "' has no none or message start event");
    }
    return new ExecutableProcess(
        process.getId(),
        process.getName(),
        Map.copyOf(nodes),
        noneStart,
        List.copyOf(messageStarts),
        startFormId);
  }

  private Node compileNode(FlowElement element, List<String> problems) {
    String id = element.getId();
    String name = element.getName();
    if (element instanceof Activity activity && activity.getLoopCharacteristics() != null) {
      return unsupported(element, "multi-instance " + typeName(element), problems);
    }
    if (element instanceof StartEvent start) {
      Collection<EventDefinition> definitions = start.getEventDefinitions();
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
      return unsupported(element, eventType("startEvent", definitions), problems);
    }
    if (element instanceof EndEvent end) {
      if (end.getEventDefinitions().isEmpty()) {
        return new Node(id, name, ElementKind.END_EVENT);
      }
      return unsupported(element, eventType("endEvent", end.getEventDefinitions()), problems);
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
    if (element instanceof UserTask) {
      if (element.getSingleExtensionElement(ZeebeUserTask.class) == null) {
        return unsupported(element, "job-worker userTask (no zeebe:userTask)", problems);
      }
      return userTask(element, id, name);
    }
    if (element instanceof ExclusiveGateway) {
      return new Node(id, name, ElementKind.EXCLUSIVE_GATEWAY);
    }
    if (element instanceof ParallelGateway) {
      return new Node(id, name, ElementKind.PARALLEL_GATEWAY);
    }
    if (element instanceof IntermediateCatchEvent catchEvent) {
      Collection<EventDefinition> definitions = catchEvent.getEventDefinitions();
      if (definitions.size() == 1) {
        EventDefinition definition = definitions.iterator().next();
        if (definition instanceof MessageEventDefinition m) {
          Node node = new Node(id, name, ElementKind.MESSAGE_CATCH_EVENT);
          node.messageName = messageName(m, id);
          ZeebeSubscription subscription =
              m.getMessage().getSingleExtensionElement(ZeebeSubscription.class);
          if (subscription == null || subscription.getCorrelationKey() == null) {
            throw EngineException.invalid(
                "message catch event '" + id + "' needs a zeebe:subscription correlationKey");
          }
          node.correlationKey =
              Expression.of(subscription.getCorrelationKey(), feel, "correlation key of " + id);
          mappings(element, node);
          return node;
        }
        if (definition instanceof TimerEventDefinition t) {
          Node node = new Node(id, name, ElementKind.TIMER_CATCH_EVENT);
          if (t.getTimeDuration() != null) {
            node.timeDuration =
                Expression.of(t.getTimeDuration().getTextContent(), feel, "timer of " + id);
          } else if (t.getTimeDate() != null) {
            node.timeDate = Expression.of(t.getTimeDate().getTextContent(), feel, "timer of " + id);
          }
          if (node.timeDuration == null && node.timeDate == null) {
            return unsupported(element, "intermediateCatchEvent with timeCycle", problems);
          }
          mappings(element, node);
          return node;
        }
      }
      return unsupported(element, eventType("intermediateCatchEvent", definitions), problems);
    }
    return unsupported(element, typeName(element), problems);
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
