package io.cityflow.cases.api.web;

import io.cityflow.cases.ProcessModels;
import io.cityflow.cases.ProcessModels.RunningInstances;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Live counts for the process owner's diagram: how many element instances of one deployed version
 * are active on each element, from the engine's element-instance search.
 */
@Controller("/api/web/models")
@Secured({"PROCESS_OWNER", "ADMIN"})
@Tag(name = "Web pages")
@SecurityRequirement(name = "staff")
class ElementCountController {
  /** Enough for a city's open cases; beyond it the counts are a lower bound, and say so. */
  private static final int MAX_INSTANCES = 50_000;

  private final ProcessModels models;

  ElementCountController(ProcessModels models) {
    this.models = models;
  }

  @Serdeable
  record ElementCount(String elementId, long active) {}

  @Serdeable
  record ElementCountsResponse(
      long processDefinitionKey, List<ElementCount> elements, boolean complete) {}

  @Get("/{key}/element-counts")
  @Operation(summary = "Active element instances per element of one deployed process version")
  ElementCountsResponse counts(@PathVariable long key) {
    // The same read as a migration plan's: the running instances with their active elements.
    RunningInstances running = models.running(key, MAX_INSTANCES);
    Map<String, Long> counts = new TreeMap<>();
    running.instances().stream()
        .flatMap(i -> i.activeElementIds().stream())
        .forEach(id -> counts.merge(id, 1L, Long::sum));
    return new ElementCountsResponse(
        key,
        counts.entrySet().stream().map(e -> new ElementCount(e.getKey(), e.getValue())).toList(),
        running.complete());
  }
}
