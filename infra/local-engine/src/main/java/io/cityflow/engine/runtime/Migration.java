package io.cityflow.engine.runtime;

import io.cityflow.engine.model.ElementKind;
import io.cityflow.engine.model.EngineException;
import io.cityflow.engine.model.Node;
import io.cityflow.engine.runtime.Changes.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves one active process instance to another process definition. Each active element is mapped to
 * an element of the same type in the target; the element instances keep their keys, and their jobs,
 * user tasks, message subscriptions, timers and incidents follow them. Everything is checked before
 * anything changes, and every problem is named in one answer.
 *
 * <p>Elements inside an embedded subprocess migrate when the subprocess is mapped too and the
 * target element lies directly inside the subprocess's target; a top-level element stays at the top
 * level. Not migrated (refused with a message naming the element): elements inside a multi-instance
 * body, event subprocess or call activity, elements with attached boundary events, event
 * subprocesses or event-based gateway subscriptions, instances whose top-level event subprocesses
 * wait for their events, and instances or subprocesses waiting at a join.
 */
public final class Migration {

  private Migration() {}

  /**
   * @param mappings source element id to target element id
   */
  public static void migrate(
      RuntimeState state,
      long processInstanceKey,
      long targetDefinitionKey,
      Map<String, String> mappings) {
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
          && !java.util.Objects.equals(
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
      } else if (element.eventKeys != null && !element.eventKeys.isEmpty()) {
        problems.add(
            "active element '" + id + "' has boundary events or event subscriptions of its own");
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
    apply(state, instance, target, mappings);
  }

  private static void apply(
      RuntimeState state,
      ProcessInstance instance,
      ProcessDefinition target,
      Map<String, String> mappings) {
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
