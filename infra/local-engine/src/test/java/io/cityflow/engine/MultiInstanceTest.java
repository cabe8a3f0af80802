package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.activate;
import static io.cityflow.engine.EngineTestSupport.deploy;
import static io.cityflow.engine.EngineTestSupport.rootVariables;
import static io.cityflow.engine.EngineTestSupport.start;
import static io.cityflow.engine.EngineTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.engine.runtime.ActivatedJob;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A parallel multi-instance subprocess feeding a sequential multi-instance task. */
class MultiInstanceTest extends InMemoryEngineTest {

  @BeforeEach
  void deployModels() {
    deploy(engine, "bpmn/multi-instance.bpmn");
  }

  @Test
  void aParallelSubprocessRunsPerItemAndItsOutputsFeedASequentialTask() {
    long key = start(engine, "multi-instance", Map.of("stops", List.of("depot", "park", "pier")));
    List<ActivatedJob> visits =
        activate(engine, "mi.visit").stream()
            .sorted(Comparator.comparing(j -> (Integer) j.variables().get("loopCounter")))
            .toList();
    assertThat(visits)
        .extracting(j -> j.variables().get("stop"))
        .containsExactly("depot", "park", "pier");

    for (int i = visits.size() - 1; i >= 0; i--) {
      ActivatedJob visit = visits.get(i);
      engine
          .completeJob(visit.job().key, Map.of("report", "seen " + visit.variables().get("stop")))
          .join();
    }

    ActivatedJob first = activate(engine, "mi.sequential").get(0);
    assertThat(activate(engine, "mi.sequential")).isEmpty();
    assertThat(first.variables())
        .containsEntry("report", "seen depot")
        .containsEntry("loopCounter", 1)
        .containsEntry("reports", List.of("seen depot", "seen park", "seen pier"));
    engine.completeJob(first.job().key, Map.of()).join();
    engine.completeJob(activate(engine, "mi.sequential").get(0).job().key, Map.of()).join();
    ActivatedJob third = activate(engine, "mi.sequential").get(0);
    assertThat(third.variables()).containsEntry("loopCounter", 3);
    engine.completeJob(third.job().key, Map.of()).join();

    assertThat(state(engine, key)).isEqualTo("COMPLETED");
  }

  @Test
  void anInputCollectionThatIsNotAListRaisesAnIncident() {
    long key = start(engine, "multi-instance", Map.of("stops", "depot"));

    assertThat(EngineTestSupport.incidents(engine, key))
        .singleElement()
        .satisfies(i -> assertThat(i.errorMessage).contains("input collection"));
    assertThat(rootVariables(engine, key)).doesNotContainKey("reports");
  }
}
