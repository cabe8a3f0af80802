package io.cityflow.cases.camunda;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BpmnModelElementInstance;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExtensionElements;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.cityflow.cases.ProcessModels.ModelElement;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The flow elements of a BPMN model with what stops an instance waiting in them from migrating, by
 * the local engine's rules (ADR 0020): a plan shows up front what the engine will refuse.
 */
final class ModelElements {
  private ModelElements() {}

  static List<ModelElement> read(String xml) {
    BpmnModelInstance model =
        Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    return model.getModelElementsByType(FlowNode.class).stream()
        .map(
            node ->
                new ModelElement(
                    node.getId(),
                    typeOf(node),
                    node.getName(),
                    node.getParentElement() instanceof SubProcess scope ? scope.getId() : null,
                    limitation(node),
                    node instanceof BoundaryEvent boundary
                        ? boundary.getAttachedTo().getId()
                        : null,
                    node instanceof UserTask task ? formOf(task) : null,
                    node instanceof UserTask task ? candidateGroupsOf(task) : null))
        .sorted(Comparator.comparing(ModelElement::id))
        .toList();
  }

  /**
   * The form a user task shows: its form id (a linked form), else its form key or external
   * reference, exactly as the model names it.
   */
  private static String formOf(UserTask task) {
    ZeebeFormDefinition form = extension(task, ZeebeFormDefinition.class);
    if (form == null) {
      return null;
    }
    return Stream.of(form.getFormId(), form.getFormKey(), form.getExternalReference())
        .filter(value -> value != null && !value.isBlank())
        .findFirst()
        .orElse(null);
  }

  private static String candidateGroupsOf(UserTask task) {
    ZeebeAssignmentDefinition assignment = extension(task, ZeebeAssignmentDefinition.class);
    String groups = assignment == null ? null : assignment.getCandidateGroups();
    return groups == null || groups.isBlank() ? null : groups;
  }

  private static <T extends BpmnModelElementInstance> T extension(UserTask task, Class<T> type) {
    ExtensionElements extensions = task.getExtensionElements();
    return extensions == null
        ? null
        : extensions.getChildElementsByType(type).stream().findFirst().orElse(null);
  }

  /** The element's XML name, with the kind of event for events ("boundaryEvent (timer)"). */
  private static String typeOf(FlowNode node) {
    Collection<EventDefinition> definitions = List.of();
    if (node instanceof CatchEvent catchEvent) {
      definitions = catchEvent.getEventDefinitions();
    } else if (node instanceof ThrowEvent throwEvent) {
      definitions = throwEvent.getEventDefinitions();
    }
    String type = node.getElementType().getTypeName();
    if (definitions.isEmpty()) {
      return type;
    }
    return type
        + " ("
        + definitions.stream()
            .map(d -> d.getElementType().getTypeName().replace("EventDefinition", ""))
            .collect(Collectors.joining(", "))
        + ")";
  }

  private static String limitation(FlowNode node) {
    // Elements of an embedded subprocess migrate with it, and boundary events move with their
    // element (ADR 0017); elements of an event subprocess or a multi-instance subprocess do not.
    if (node.getParentElement() instanceof SubProcess scope) {
      if (scope.triggeredByEvent()) {
        return "inside the event subprocess '" + scope.getId() + "', which is not migrated";
      }
      if (scope.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics) {
        return "inside the multi-instance subprocess '"
            + scope.getId()
            + "', which is not migrated";
      }
    }
    if (node instanceof SubProcess subProcess && subProcess.triggeredByEvent()) {
      return "an event subprocess, which is not migrated";
    }
    if (node instanceof Activity activity
        && activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics) {
      return "a multi-instance activity, which is not migrated";
    }
    if (node instanceof CallActivity) {
      return "a call activity: the instance waits for a called process";
    }
    if (node instanceof EventBasedGateway) {
      return "an event-based gateway, whose subscriptions are not migrated";
    }
    if ((node instanceof ParallelGateway || node instanceof InclusiveGateway)
        && node.getIncoming().size() > 1) {
      return "a join: instances waiting at a join are not migrated";
    }
    return null;
  }
}
