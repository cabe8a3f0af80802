package io.cityflow.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BpmnCompilerTest {

  private final BpmnCompiler compiler = new BpmnCompiler(new Feel(System::currentTimeMillis));

  private static byte[] read(String path) throws IOException {
    try (InputStream in = BpmnCompilerTest.class.getResourceAsStream("/" + path)) {
      return in.readAllBytes();
    }
  }

  @Test
  void compilesEveryElementOfTheProcessIntoOneGraph() throws IOException {
    List<ExecutableProcess> processes =
        compiler.compile("all-elements.bpmn", read("bpmn/all-elements.bpmn"));

    ExecutableProcess process = processes.get(0);
    assertThat(process.bpmnProcessId()).isEqualTo("all-elements");
    assertThat(process.noneStart().id).isEqualTo("StartEvent_None");
    assertThat(process.messageStarts())
        .extracting(n -> n.messageName.text())
        .containsExactly("all-start");
    assertThat(process.node("Gateway_Big").defaultFlow.id()).isEqualTo("Flow_Small");
    assertThat(process.node("Gateway_Join").incomingFlowIds)
        .containsExactlyInAnyOrder("Flow_6", "Flow_7");
    Node work = process.node("Task_Work");
    assertThat(work.kind).isEqualTo(ElementKind.SERVICE_TASK);
    assertThat(work.jobType.isStatic()).isTrue();
    assertThat(work.jobRetries.evaluate(Map.of())).isEqualTo("2");
    assertThat(work.outputs).extracting(Mapping::target).containsExactly("workResult");
    Node review = process.node("Task_Review");
    assertThat(review.assignee.isStatic()).isFalse();
    assertThat(review.formId).isEqualTo("review-form");
    assertThat(process.node("Event_Wait").timeDuration.text()).isEqualTo("PT10M");
  }

  @Test
  void compilesEventSubprocessesIntoTheirScopesAndRefusesWhatTheyCannotStartWith() {
    String xml =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess("esp")
                .eventSubProcess(
                    "SubProcess_Escalated",
                    e -> e.startEvent("Event_Escalated").escalation("LATE").endEvent())
                .eventSubProcess(
                    "SubProcess_Soft",
                    e -> e.startEvent("Event_SoftError").interrupting(false).error("E").endEvent())
                .startEvent()
                .endEvent()
                .done());

    assertThatThrownBy(() -> compiler.compile("esp.bpmn", xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            EngineException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("element 'Event_Escalated' of type 'event subprocess startEvent")
                    .contains("not supported")
                    .contains("error start event 'Event_SoftError' must interrupt"));
  }

  @Test
  void compilesTimerStartEventsAndTopLevelEventSubprocesses() {
    String xml =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess("timed")
                .eventSubProcess(
                    "SubProcess_Stop", e -> e.startEvent("Event_Stop").signal("stop").endEvent())
                .startEvent("Event_Daily")
                .timerWithCycle("0 0 6 * * *")
                .endEvent()
                .done());

    ExecutableProcess process =
        compiler.compile("timed.bpmn", xml.getBytes(StandardCharsets.UTF_8)).get(0);

    assertThat(process.noneStart()).isNull();
    assertThat(process.timerStarts()).extracting(n -> n.id).containsExactly("Event_Daily");
    assertThat(process.eventSubprocesses())
        .extracting(n -> n.id)
        .containsExactly("SubProcess_Stop");
    assertThat(process.node("Event_Stop").eventSubprocess.id).isEqualTo("SubProcess_Stop");
    assertThat(process.node("Event_Stop").interrupting).isTrue();
  }

  @Test
  void namesEveryUnsupportedElementWithItsType() {
    assertThatThrownBy(() -> compiler.compile("unsupported.bpmn", read("bpmn/unsupported.bpmn")))
        .isInstanceOfSatisfying(
            EngineException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(EngineException.Kind.INVALID_ARGUMENT);
              assertThat(e.getMessage())
                  .contains("element 'Gateway_Complex' of type 'complexGateway' is not supported")
                  .contains("element 'Task_Send' of type 'sendTask' is not supported");
            });
  }

  @Test
  void rejectsMalformedXmlNamingTheResource() {
    byte[] broken = "<bpmn:definitions xmlns:bpmn=".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> compiler.compile("broken.bpmn", broken))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("Resource 'broken.bpmn' is not valid BPMN XML");
  }

  @Test
  void rejectsFeelThatDoesNotParseNamingTheFlow() throws IOException {
    String xml =
        new String(read("bpmn/gateway.bpmn"), StandardCharsets.UTF_8)
            .replace("=amount &gt; 100", "=amount &gt;");

    assertThatThrownBy(() -> compiler.compile("gateway.bpmn", xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("condition of sequence flow Flow_Big");
  }

  @Test
  void staticValuesAreNotFeel() {
    Feel feel = new Feel(System::currentTimeMillis);

    assertThat(Expression.of("a + b", feel, "test").evaluate(Map.of("a", 1, "b", 2)))
        .isEqualTo("a + b");
    assertThat(Expression.of("= a + b", feel, "test").evaluate(Map.of("a", 1, "b", 2)))
        .isEqualTo(3L);
    assertThat(Expression.of("  ", feel, "test")).isNull();
  }

  @Test
  void compilesNestedScopesBoundaryEventsLoopsAndJoinReachability() throws IOException {
    ExecutableProcess boundaries =
        compiler.compile("boundary-error.bpmn", read("bpmn/boundary-error.bpmn")).get(0);
    ExecutableProcess loops =
        compiler.compile("multi-instance.bpmn", read("bpmn/multi-instance.bpmn")).get(0);
    ExecutableProcess inclusive =
        compiler.compile("inclusive.bpmn", read("bpmn/inclusive.bpmn")).get(0);

    assertThat(boundaries.node("SubProcess_Check").startEvent.id).isEqualTo("Event_SubStart");
    assertThat(boundaries.node("Task_Check").boundaries)
        .singleElement()
        .satisfies(b -> assertThat(b.errorCode).isEqualTo("REJECTED"));
    assertThat(boundaries.node("SubProcess_Check").boundaries)
        .singleElement()
        .satisfies(b -> assertThat(b.errorCode).isNull());
    MultiInstance perStop = loops.node("SubProcess_PerStop").multiInstance;
    assertThat(perStop.sequential()).isFalse();
    assertThat(perStop.inputElement()).isEqualTo("stop");
    assertThat(perStop.outputCollection()).isEqualTo("reports");
    assertThat(loops.node("Task_Sequential").multiInstance.sequential()).isTrue();
    assertThat(inclusive.node("Gateway_Join").upstream)
        .contains("Task_Sms", "Task_Email", "Task_Post", "Gateway_Fork", "Event_Start")
        .doesNotContain("Task_After");
  }

  @Test
  void refusesAnInvalidTimerCycleAndANonInterruptingErrorBoundaryNamingBoth() {
    String xml =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess("bad-cycle")
                .startEvent()
                .userTask("Task_Review", u -> u.zeebeUserTask())
                .endEvent()
                .moveToActivity("Task_Review")
                .boundaryEvent("Event_Remind", b -> b.cancelActivity(false).timerWithCycle("often"))
                .endEvent()
                .moveToActivity("Task_Review")
                .boundaryEvent("Event_NotAllowed", b -> b.cancelActivity(false).error("E"))
                .endEvent()
                .done());

    assertThatThrownBy(
            () -> compiler.compile("bad-cycle.bpmn", xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("Event_Remind")
        .hasMessageContaining("error boundary event 'Event_NotAllowed' must interrupt");
  }
}
