package io.cityflow.cases.migration;

import io.cityflow.cases.ProcessModels.DeployedModel;
import java.util.List;

/**
 * What moving the running instances of one process version to another would do, before anything is
 * moved.
 *
 * @param mappings every element of the source with a counterpart in the target (same id and type,
 *     or mapped by the owner), as the run sends them to the engine
 * @param activeElements the elements running instances wait in, with how many instances wait there
 * @param runningInstances the running instances of the source version
 * @param migratable those whose every active element is mapped and supported
 * @param blocked those the engine will refuse, as far as the plan can tell
 * @param complete false when there were more running instances than the plan reads (their counts
 *     are a lower bound)
 */
public record MigrationPlan(
    DeployedModel source,
    DeployedModel target,
    List<ElementMapping> mappings,
    List<ActiveElement> activeElements,
    int runningInstances,
    int migratable,
    int blocked,
    boolean complete) {

  public MigrationPlan {
    mappings = List.copyOf(mappings);
    activeElements = List.copyOf(activeElements);
  }

  /**
   * An element running instances wait in.
   *
   * @param targetElementId where they continue in the target, or null
   * @param problem why instances waiting here cannot be moved, or null when they can
   * @param keptTask for a user task that moves to one with another form or other candidate groups:
   *     what the moved task keeps until it completes; else null
   * @param boundaryEvents the timers and subscriptions of boundary events that do not carry over
   *     when instances move (empty for instances that stay)
   * @param warnings what moving changes or keeps that the owner should know, in words, one per kept
   *     task or boundary event
   */
  public record ActiveElement(
      String elementId,
      String name,
      String type,
      int instances,
      String targetElementId,
      String problem,
      KeptTask keptTask,
      List<BoundaryEventChange> boundaryEvents,
      List<String> warnings) {

    public ActiveElement {
      boundaryEvents = List.copyOf(boundaryEvents);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * A user task moves as it is: the engine does not create it anew, so it keeps the form, candidate
   * groups, assignee and due date it was created with until it completes (ADR 0020).
   *
   * @param sourceVersion the version whose task the moved cases keep
   * @param formId the form the moved task keeps, or null when it has none
   * @param candidateGroups the candidate groups it keeps, as in the model, or null
   * @param targetFormId the form of the task it moves to, which new cases there show
   * @param targetCandidateGroups the candidate groups of the task it moves to
   */
  public record KeptTask(
      int sourceVersion,
      String formId,
      String candidateGroups,
      String targetFormId,
      String targetCandidateGroups) {}

  /**
   * A boundary event with a timer or subscription that does not carry over to where its element
   * moves.
   *
   * @param elementId the boundary event: of the source element when it closes, else of the target
   * @param kind the event definition: {@code timer}, {@code message}, {@code signal} or {@code
   *     conditional}
   */
  public record BoundaryEventChange(
      String elementId, String name, String kind, BoundaryEventChange.Change change) {

    public enum Change {
      /**
       * The source element's event reaches no event of the target: its timer or subscription ends.
       */
      CLOSES,
      /**
       * No event of the source reaches the target element's event: it opens as on entering the
       * element (a timer's due date computed anew).
       */
      STARTS
    }
  }
}
