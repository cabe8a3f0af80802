package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.deploy;
import static io.cityflow.engine.EngineTestSupport.incidents;
import static io.cityflow.engine.EngineTestSupport.resource;
import static io.cityflow.engine.EngineTestSupport.rootVariables;
import static io.cityflow.engine.EngineTestSupport.start;
import static io.cityflow.engine.EngineTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.engine.runtime.DeployedResource;
import io.cityflow.engine.runtime.Executor.Resource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DMN deployment and versioning, decision evaluation and the business rule task. */
class DecisionTest extends InMemoryEngineTest {

  @Test
  void aBusinessRuleTaskStoresTheDecisionResult() {
    deploy(engine, "dmn/route-ticket.dmn", "bpmn/business-rule.bpmn");

    long key = start(engine, "business-rule", Map.of("category", "lights"));

    assertThat(state(engine, key)).isEqualTo("COMPLETED");
    assertThat(rootVariables(engine, key)).containsEntry("department", "transport");
  }

  @Test
  void aMissingDecisionIsAnIncidentThatResolvesOnceItIsDeployed() {
    deploy(engine, "bpmn/business-rule.bpmn");
    long key = start(engine, "business-rule", Map.of("category", "water"));
    assertThat(incidents(engine, key))
        .singleElement()
        .satisfies(i -> assertThat(i.errorType).isEqualTo("CALLED_DECISION_ERROR"));

    deploy(engine, "dmn/route-ticket.dmn");
    engine.resolveIncident(incidents(engine, key).get(0).key).join();

    assertThat(rootVariables(engine, key)).containsEntry("department", "utilities");
  }

  @Test
  void aDecisionThatFailsToEvaluateIsADecisionEvaluationIncident() {
    String ambiguous =
        new String(resource("dmn/route-ticket.dmn").content(), StandardCharsets.UTF_8)
            .replace("hitPolicy=\"FIRST\"", "hitPolicy=\"UNIQUE\"");
    engine
        .deploy(
            List.of(
                resource("bpmn/business-rule.bpmn"),
                new Resource("route-ticket.dmn", ambiguous.getBytes(StandardCharsets.UTF_8))))
        .join();

    long key = start(engine, "business-rule", Map.of("category", "water"));

    assertThat(incidents(engine, key))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.errorType).isEqualTo("DECISION_EVALUATION_ERROR");
              assertThat(i.elementId).isEqualTo("Task_Route");
            });
  }

  @Test
  void anUnchangedResourceKeepsItsVersionAndAChangedOneGetsTheNext() {
    List<DeployedResource> first =
        engine.deploy(List.of(resource("dmn/route-ticket.dmn"))).join().resources();
    List<DeployedResource> again =
        engine.deploy(List.of(resource("dmn/route-ticket.dmn"))).join().resources();
    String changed =
        new String(resource("dmn/route-ticket.dmn").content(), StandardCharsets.UTF_8)
            .replace("\"general\"", "\"front-desk\"");
    List<DeployedResource> next =
        engine
            .deploy(
                List.of(new Resource("route-ticket.dmn", changed.getBytes(StandardCharsets.UTF_8))))
            .join()
            .resources();

    assertThat(decision(first).version).isEqualTo(1);
    assertThat(decision(again).key).isEqualTo(decision(first).key);
    assertThat(decision(next).version).isEqualTo(2);
    assertThat(
            engine.evaluateDecision("route-ticket", null, Map.of("category", "x")).join().output())
        .isEqualTo("front-desk");
    assertThat(
            engine
                .evaluateDecision(null, decision(first).key, Map.of("category", "x"))
                .join()
                .output())
        .isEqualTo("general");
  }

  @Test
  void anInvalidDmnResourceIsRefusedAndNothingIsDeployed() {
    Resource broken = new Resource("broken.dmn", "<definitions/>".getBytes(StandardCharsets.UTF_8));

    assertThat(engine.deploy(List.of(resource("bpmn/business-rule.bpmn"), broken)))
        .failsWithin(Duration.ofSeconds(60))
        .withThrowableThat()
        .withMessageContaining("broken.dmn");
    assertThat(EngineTestSupport.instancesOf(engine, "business-rule")).isEmpty();
    assertThat(
            engine
                .searchProcessDefinitions(
                    new io.cityflow.engine.state.SearchQuery(List.of(), List.of(), 0, 10))
                .items())
        .isEmpty();
  }

  private static io.cityflow.engine.runtime.Decision decision(List<DeployedResource> resources) {
    return resources.stream()
        .filter(r -> r.decision() != null)
        .findFirst()
        .orElseThrow()
        .decision();
  }
}
