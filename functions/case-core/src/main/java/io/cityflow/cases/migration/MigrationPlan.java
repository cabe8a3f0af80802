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
   */
  public record ActiveElement(
      String elementId,
      String name,
      String type,
      int instances,
      String targetElementId,
      String problem) {}
}
