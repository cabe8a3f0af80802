package io.cityflow.engine.runtime;

import io.cityflow.engine.model.ElementKind;
import io.cityflow.engine.model.EngineException;
import io.cityflow.engine.model.ExpressionException;
import io.cityflow.engine.model.Node;
import io.cityflow.engine.runtime.Changes.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Moves one active process instance to another process definition. Each active element is mapped to
 * an element of the same type in the target; the element instances keep their keys, and their jobs,
 * user tasks, message subscriptions, timers and incidents follow them. Everything is checked before
 * anything changes, and every problem is named in one answer.
 *
 * <p>Elements inside an embedded subprocess migrate when the subprocess is mapped too and the
 * target element lies directly inside the subprocess's target; a top-level element stays at the top
 * level.
 *
 * <p>Boundary events of an active element follow the mapping instructions: a boundary event mapped
 * to a boundary event of the same type attached to the element's target keeps its timer (and due
 * date) or subscription (and message name and correlation key); an unmapped one is closed; a
 * boundary event of the target that no instruction maps to is opened as on entering the activity,
 * its expressions evaluated at migration time. Not migrated (refused with a message naming the
 * element): elements inside a multi-instance body, event subprocess or call activity, elements
 * waiting for event-subprocess or event-based gateway events, instances whose top-level event
 * subprocesses wait for their events, and instances or subprocesses waiting at a join.
 */
public final class Migration {

  private Migration() {}

  /**
   * @param mappings source element id to target element id
   */
  public static void migrate(
      Executor executor,
      long processInstanceKey,
      long targetDefinitionKey,
      Map<String, String> mappings) {
    RuntimeState state = executor.state();
    ProcessInstance instance = state.instances.get(processInstanceKey);
    if (instance == null) {
      throw EngineException.notFound(
          "Expected to migrate an active process instance with key "
              + processInstanceKey
              + ", but none was found");
    }
    ProcessDefinition target = state.definitions.get(targetDefinitionKey);
    if (target == null) {
      throw EngineException.notFound(
          "Expected to migrate to a process definition with key "
              + targetDefinitionKey
              + ", but none was found");
    }
    ProcessDefinition source = state.definitions.get(instance.processDefinitionKey);
    List<String> problems = new ArrayList<>();
    Set<String> boundaryTargets = new HashSet<>();
    List<Opening> opens = new ArrayList<>();
    mappings.forEach(
        (from, to) -> {
          Node sourceNode = source.graph.nodes().get(from);
          Node targetNode = target.graph.nodes().get(to);
          if (sourceNode == null) {
            problems.add(
                "source element '" + from + "' does not exist in '" + source.bpmnProcessId + "'");
          } else if (targetNode == null) {
            problems.add(
                "target element '" + to + "' does not exist in '" + target.bpmnProcessId + "'");
          } else if (sourceNode.kind != targetNode.kind) {
            problems.add(
                "element '"
                    + from
                    + "' ("
                    + sourceNode.kind
                    + ") cannot be mapped to '"
                    + to
                    + "' ("
                    + targetNode.kind
                    + "): the types differ");
          } else if (sourceNode.kind == ElementKind.BOUNDARY_EVENT
              && !Objects.equals(sourceNode.eventType, targetNode.eventType)) {
            problems.add(
                "boundary event '"
                    + from
                    + "' ("
                    + sourceNode.eventType
                    + ") cannot be mapped to '"
                    + to
                    + "' ("
                    + targetNode.eventType
                    + "): the event types differ");
          } else if (sourceNode.kind == ElementKind.BOUNDARY_EVENT && !boundaryTargets.add(to)) {
            problems.add(
                "boundary event '" + to + "' is the target of more than one mapping instruction");
          }
        });
    for (ElementInstance element : instance.elements.values()) {
      String id = element.elementId;
      ElementInstance scope =
          element.parentKey == null ? null : instance.elements.get(element.parentKey);
      Node sourceNode = source.graph.nodes().get(id);
      Node targetNode =
          mappings.containsKey(id) ? target.graph.nodes().get(mappings.get(id)) : null;
      if (!mappings.containsKey(id)) {
        problems.add("active element '" + id + "' has no mapping");
      } else if (element.isLoopBody()
          || (scope != null
              && (scope.isLoopBody()
                  || source.graph.node(scope.elementId).kind != ElementKind.SUB_PROCESS))) {
        problems.add(
            "active element '"
                + id
                + "' is inside a multi-instance or event subprocess, which is not migrated");
      } else if (targetNode != null
          && sourceNode != null
          && !Objects.equals(
              targetNode.flowScope, scope == null ? null : mappings.get(scope.elementId))) {
        problems.add(
            "active element '"
                + id
                + "' would move to another scope: its target '"
                + targetNode.id
                + "' is not directly inside the target of "
                + (scope == null ? "the process" : "'" + scope.elementId + "'"));
      } else if (element.joinArrivals != null && !element.joinArrivals.isEmpty()) {
        problems.add("active element '" + id + "' waits at a join inside it");
      } else if (element.calledInstanceKey != null) {
        problems.add("active element '" + id + "' waits for a called process");
      } else if (sourceNode != null && targetNode != null) {
        checkBoundaryEvents(
            executor, instance, element, sourceNode, targetNode, target, mappings, problems, opens);
      }
    }
    if (instance.scope != null
        && instance.scope.eventKeys != null
        && !instance.scope.eventKeys.isEmpty()) {
      problems.add("the process's event subprocesses wait for their events");
    }
    if (!instance.joinArrivals.isEmpty()) {
      problems.add("the instance waits at a join (" + instance.joinArrivals.keySet() + ")");
    }
    if (!problems.isEmpty()) {
      throw EngineException.invalid(
          "Expected to migrate process instance "
              + processInstanceKey
              + " to process definition "
              + targetDefinitionKey
              + ", but "
              + String.join("; ", problems));
    }
    apply(executor, instance, target, mappings, opens);
  }

  /**
   * A boundary event of the target that opens for a migrated element: its timer or subscription.
   */
  private record Opening(ElementInstance owner, Entity event) {}

  /**
   * The boundary events of an active element: the timers and subscriptions of those mapped to a
   * boundary event of the element's target are kept, the others closed, and the target's boundary
   * events that no mapping instruction reaches are opened; these are evaluated here, so that a
   * failing expression refuses the migration.
   */
  private static void checkBoundaryEvents(
      Executor executor,
      ProcessInstance instance,
      ElementInstance element,
      Node sourceNode,
      Node targetNode,
      ProcessDefinition target,
      Map<String, String> mappings,
      List<String> problems,
      List<Opening> opens) {
    RuntimeState state = executor.state();
    ProcessDefinition source = state.definitions.get(instance.processDefinitionKey);
    if (element.eventKeys != null) {
      for (Long key : element.eventKeys) {
        String eventId = eventId(state, key);
        Node event = eventId == null ? null : source.graph.nodes().get(eventId);
        if (event == null
            || event.kind != ElementKind.BOUNDARY_EVENT
            || !sourceNode.boundaries.contains(event)) {
          problems.add(
              "active element '"
                  + element.elementId
                  + "' waits for events of an event subprocess or event-based gateway,"
                  + " which are not migrated");
          return;
        }
      }
    }
    Set<String> reached = new HashSet<>();
    for (Node boundary : sourceNode.boundaries) {
      String to = mappings.get(boundary.id);
      if (to == null) {
        continue;
      }
      Node mapped = target.graph.nodes().get(to);
      if (mapped != null && !targetNode.boundaries.contains(mapped)) {
        problems.add(
            "boundary event '"
                + boundary.id
                + "' of active element '"
                + element.elementId
                + "' is mapped to '"
                + to
                + "', which is not attached to '"
                + targetNode.id
                + "'");
      }
      reached.add(to);
    }
    for (Node boundary : targetNode.boundaries) {
      if ("error".equals(boundary.eventType) || reached.contains(boundary.id)) {
        continue;
      }
      try {
        opens.add(
            new Opening(
                element,
                executor.prepareBoundaryEvent(instance, element, boundary, target.bpmnProcessId)));
      } catch (ExpressionException e) {
        problems.add(
            "boundary event '"
                + boundary.id
                + "' cannot be opened for active element '"
                + element.elementId
                + "': "
                + e.getMessage());
      }
    }
  }

  /** The event a timer or subscription triggers; null if the key is neither. */
  private static String eventId(RuntimeState state, long key) {
    Timer timer = state.timers.get(key);
    if (timer != null) {
      return timer.elementId;
    }
    MessageSubscription subscription = state.subscriptions.get(key);
    return subscription == null ? null : subscription.elementId;
  }

  private static void apply(
      Executor executor,
      ProcessInstance instance,
      ProcessDefinition target,
      Map<String, String> mappings,
      List<Opening> opens) {
    RuntimeState state = executor.state();
    Changes changes = state.changes();
    instance.processDefinitionKey = target.key;
    instance.bpmnProcessId = target.bpmnProcessId;
    instance.processDefinitionName = target.name;
    instance.version = target.version;
    state.touch(instance);
    moveRecord(state, instance.key, target, instance.bpmnProcessId, target.name);
    for (ElementInstance element : instance.elements.values()) {
      String to = mappings.get(element.elementId);
      element.elementId = to;
      if (element.eventKeys != null) {
        for (Long key : List.copyOf(element.eventKeys)) {
          Timer timer = state.timers.get(key);
          MessageSubscription subscription = state.subscriptions.get(key);
          String eventTo = mappings.get(timer != null ? timer.elementId : subscription.elementId);
          if (timer != null && eventTo != null) {
            timer.elementId = eventTo;
            changes.write(Kind.TIMER, timer);
          } else if (timer != null) {
            state.removeTimer(timer);
            element.eventKeys.remove(key);
          } else if (eventTo != null) {
            subscription.elementId = eventTo;
            subscription.bpmnProcessId = target.bpmnProcessId;
            changes.write(Kind.SUBSCRIPTION, subscription);
          } else {
            state.removeSubscription(subscription);
            element.eventKeys.remove(key);
          }
        }
      }
      moveRecord(state, element.key, target, to, target.graph.node(to).name);
      if (element.jobKey != null) {
        Job job = state.jobs.get(element.jobKey);
        job.elementId = to;
        job.processDefinitionKey = target.key;
        job.bpmnProcessId = target.bpmnProcessId;
        job.version = target.version;
        changes.write(Kind.JOB, job);
      }
      if (element.userTaskKey != null) {
        UserTask task = state.userTasks.get(element.userTaskKey);
        task.elementId = to;
        task.processDefinitionKey = target.key;
        task.bpmnProcessId = target.bpmnProcessId;
        task.version = target.version;
        changes.write(Kind.USER_TASK, task);
      }
      if (element.subscriptionKey != null) {
        MessageSubscription subscription = state.subscriptions.get(element.subscriptionKey);
        subscription.elementId = to;
        subscription.bpmnProcessId = target.bpmnProcessId;
        changes.write(Kind.SUBSCRIPTION, subscription);
      }
      if (element.timerKey != null) {
        Timer timer = state.timers.get(element.timerKey);
        timer.elementId = to;
        changes.write(Kind.TIMER, timer);
      }
      if (element.incidentKey != null) {
        Incident incident = state.incidents.get(element.incidentKey);
        incident.elementId = to;
        incident.processDefinitionKey = target.key;
        incident.bpmnProcessId = target.bpmnProcessId;
        changes.write(Kind.INCIDENT, incident);
      }
    }
    for (Opening opening : opens) {
      executor.openPreparedBoundaryEvent(instance, opening.owner(), opening.event());
    }
  }

  private static void moveRecord(
      RuntimeState state, long key, ProcessDefinition target, String elementId, String name) {
    ElementInstanceRecord record = state.elementRecords.get(key);
    if (record != null) {
      record.processDefinitionKey = target.key;
      record.bpmnProcessId = target.bpmnProcessId;
      record.elementId = elementId;
      record.elementName = name;
      state.changes().write(Kind.ELEMENT_INSTANCE, record);
    }
  }
}
