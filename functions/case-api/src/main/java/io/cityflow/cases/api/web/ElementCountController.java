package io.cityflow.cases.api.web;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
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
  private static final int PAGE = 1000;

  /** Enough for a city's open cases; beyond it the counts are a lower bound, and say so. */
  private static final int MAX_PAGES = 50;

  private final CamundaClient client;

  ElementCountController(CamundaClient client) {
    this.client = client;
  }

  @Serdeable
  record ElementCount(String elementId, long active) {}

  @Serdeable
  record ElementCountsResponse(
      long processDefinitionKey, List<ElementCount> elements, boolean complete) {}

  @Get("/{key}/element-counts")
  @Operation(summary = "Active element instances per element of one deployed process version")
  ElementCountsResponse counts(@PathVariable long key) {
    Map<String, Long> counts = new TreeMap<>();
    String cursor = null;
    boolean complete = false;
    for (int page = 0; page < MAX_PAGES; page++) {
      String after = cursor;
      var response =
          client
              .newElementInstanceSearchRequest()
              .filter(f -> f.processDefinitionKey(key).state(ElementInstanceState.ACTIVE))
              .page(
                  p -> {
                    p.limit(PAGE);
                    if (after != null) {
                      p.after(after);
                    }
                  })
              .send()
              .join();
      // The process itself is an active element instance too; the diagram counts its elements.
      response.items().stream()
          .filter(e -> e.getType() != ElementInstanceType.PROCESS)
          .forEach(e -> counts.merge(e.getElementId(), 1L, Long::sum));
      cursor = response.page().endCursor();
      if (response.items().size() < PAGE || cursor == null) {
        complete = true;
        break;
      }
    }
    return new ElementCountsResponse(
        key,
        counts.entrySet().stream().map(e -> new ElementCount(e.getKey(), e.getValue())).toList(),
        complete);
  }
}
