package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.activate;
import static io.cityflow.engine.EngineTestSupport.deployModels;
import static io.cityflow.engine.EngineTestSupport.start;
import static io.cityflow.engine.EngineTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.cityflow.engine.runtime.ActivatedJob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Migrating instances whose active elements are inside an embedded subprocess. */
class SubprocessMigrationTest extends InMemoryEngineTest {

  private static BpmnModelInstance version(String taskId, boolean reportAfter) {
    var afterSubprocess =
        Bpmn.createExecutableProcess("mig-sub")
            .startEvent()
            .subProcess(
                "SubProcess_Check",
                s ->
                    s.embeddedSubProcess()
                        .startEvent()
                        .serviceTask(taskId, t -> t.zeebeJobType("mig.check"))
                        .endEvent());
    return reportAfter
        ? afterSubprocess
            .serviceTask("Task_Report", t -> t.zeebeJobType("mig.report"))
            .endEvent()
            .done()
        : afterSubprocess.endEvent().done();
  }

  private long deployVersion(String taskId, boolean reportAfter) {
    return deployModels(engine, version(taskId, reportAfter)).resources().get(0).process().key;
  }

  @Test
  void anElementInsideAMappedSubprocessMovesWithItsJobAndLocals() {
    deployVersion("Task_Check", false);
    long key = start(engine, "mig-sub", Map.of());
    long version2 = deployVersion("Task_Inspect", true);

    engine
        .migrateProcessInstance(
            key,
            version2,
            Map.of("SubProcess_Check", "SubProcess_Check", "Task_Check", "Task_Inspect"))
        .join();

    List<ActivatedJob> jobs = activate(engine, "mig.check");
    assertThat(jobs)
        .singleElement()
        .satisfies(j -> assertThat(j.job().elementId).isEqualTo("Task_Inspect"));
    engine.completeJob(jobs.get(0).job().key, Map.of()).join();
    assertThat(activate(engine, "mig.report")).hasSize(1);
    assertThat(engine.processInstance(key).orElseThrow().processDefinitionKey).isEqualTo(version2);
  }

  @Test
  void anElementCannotLeaveItsSubprocessAndNothingChanges() {
    long version1 = deployVersion("Task_Check", false);
    long key = start(engine, "mig-sub", Map.of());
    long version2 = deployVersion("Task_Inspect", true);

    assertThat(
            engine.migrateProcessInstance(
                key,
                version2,
                Map.of("SubProcess_Check", "SubProcess_Check", "Task_Check", "Task_Report")))
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableThat()
        .withMessageContaining("active element 'Task_Check' would move to another scope");
    assertThat(engine.processInstance(key).orElseThrow().processDefinitionKey).isEqualTo(version1);
    assertThat(state(engine, key)).isEqualTo("ACTIVE");
  }
}
