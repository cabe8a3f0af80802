package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.activate;
import static io.cityflow.engine.EngineTestSupport.deploy;
import static io.cityflow.engine.EngineTestSupport.rootVariables;
import static io.cityflow.engine.EngineTestSupport.start;
import static io.cityflow.engine.EngineTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.engine.runtime.ActivatedJob;
import io.cityflow.engine.runtime.Variable;
import io.cityflow.engine.state.Criterion;
import io.cityflow.engine.state.SearchQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Embedded subprocesses nested two deep, and the scope chain their variables live in. */
class SubprocessTest extends InMemoryEngineTest {

  @BeforeEach
  void deployModels() {
    deploy(engine, "bpmn/subprocess.bpmn");
  }

  @Test
  void aTaskDeepInsideSeesTheVariablesOfEveryEnclosingScope() {
    start(engine, "subprocess", Map.of("caseId", "C-1"));

    ActivatedJob job = activate(engine, "scope.score").get(0);

    assertThat(job.variables())
        .containsEntry("caseId", "C-1")
        .containsEntry("outerLocal", "outer")
        .containsEntry("innerLocal", "outer/inner")
        .containsEntry("counter", 0L);
  }

  @Test
  void resultsUpdateTheNearestScopeThatHasTheVariableAndOnlyOutputsLeaveTheSubprocess() {
    long key = start(engine, "subprocess", Map.of());
    ActivatedJob job = activate(engine, "scope.score").get(0);

    engine.completeJob(job.job().key, Map.of("counter", 7, "note", "checked")).join();

    Map<String, Object> root = rootVariables(engine, key);
    assertThat(root)
        .containsEntry("finalCount", 7)
        .containsEntry("note", "checked")
        .doesNotContainKeys("counter", "outerLocal", "innerLocal");
    assertThat(state(engine, key)).isEqualTo("ACTIVE");
  }

  @Test
  void theSubprocessKeepsItsLocalVariablesInItsOwnScopeWhileItRuns() {
    long key = start(engine, "subprocess", Map.of());
    ActivatedJob job = activate(engine, "scope.score").get(0);

    List<Variable> locals =
        engine
            .searchVariables(
                new SearchQuery(
                    List.of(
                        Criterion.eq("process_instance_key", key), Criterion.eq("name", "counter")),
                    List.of(),
                    0,
                    10))
            .items();

    assertThat(locals).singleElement().satisfies(v -> assertThat(v.scopeKey).isNotEqualTo(key));
    assertThat(job.job().elementId).isEqualTo("Task_Score");
  }
}
