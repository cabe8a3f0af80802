package io.cityflow.engine;

import static io.cityflow.engine.EngineTestSupport.deployModels;
import static io.cityflow.engine.EngineTestSupport.incidents;
import static io.cityflow.engine.EngineTestSupport.rootVariables;
import static io.cityflow.engine.EngineTestSupport.start;
import static io.cityflow.engine.EngineTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.cityflow.engine.runtime.ActivatedJob;
import io.cityflow.engine.state.Criterion;
import io.cityflow.engine.state.SearchQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Event subprocesses at the process level and inside embedded subprocesses: message, timer, signal
 * and error start events, interrupting or not, and the error variables of error catch events.
 */
class EventSubprocessTest extends InMemoryEngineTest {

  private static final Instant T0 = Instant.parse("2031-04-04T08:00:00Z");
  private static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";

  private void at(Duration sinceT0) {
    engine.pinClock(T0.plus(sinceT0).toEpochMilli());
  }

  /** Activates the jobs of a type, locked for longer than any test moves the clock. */
  private List<ActivatedJob> activate(io.cityflow.engine.api.Engine engine, String type) {
    return engine
        .activateJobs(type, "test", Duration.ofDays(30).toMillis(), 100, List.of(), 0)
        .join();
  }

  private ActivatedJob single(String type) {
    List<ActivatedJob> jobs = activate(engine, type);
    assertThat(jobs).as("jobs of type %s", type).hasSize(1);
    return jobs.get(0);
  }

  private void complete(ActivatedJob job, Map<String, Object> variables) {
    engine.completeJob(job.job().key, variables).join();
  }

  /** Sets zeebe:errorCodeVariable and zeebe:errorMessageVariable on an error catch event. */
  private static void errorVariables(BpmnModelInstance model, String eventId) {
    Event event = model.getModelElementById(eventId);
    ErrorEventDefinition definition =
        event.getChildElementsByType(ErrorEventDefinition.class).iterator().next();
    definition.setAttributeValueNs(ZEEBE, "errorCodeVariable", "caughtCode");
    definition.setAttributeValueNs(ZEEBE, "errorMessageVariable", "caughtMessage");
  }

  @Test
  void anInterruptingMessageEventSubprocessReplacesTheProcessFlow() {
    deployModels(
        engine,
        Bpmn.createExecutableProcess("esp-message")
            .eventSubProcess(
                "SubProcess_Cancel",
                e ->
                    e.startEvent("Event_CancelRequested")
                        .message(m -> m.name("cancel-request").zeebeCorrelationKeyExpression("ref"))
                        .serviceTask("Task_Refund", t -> t.zeebeJobType("esp.refund"))
                        .endEvent())
            .startEvent()
            .serviceTask("Task_Work", t -> t.zeebeJobType("esp.work"))
            .endEvent()
            .done());
    long key = start(engine, "esp-message", Map.of("ref", "R-1"));
    long other = start(engine, "esp-message", Map.of("ref", "R-2"));
    assertThat(activate(engine, "esp.work")).hasSize(2);

    engine.publishMessage("cancel-request", "R-1", 60_000, null, Map.of("reason", "moved")).join();

    ActivatedJob refund = single("esp.refund");
    assertThat(refund.job().processInstanceKey).isEqualTo(key);
    assertThat(refund.variables()).containsEntry("reason", "moved");
    assertThat(activate(engine, "esp.work")).isEmpty();
    complete(refund, Map.of());
    assertThat(state(engine, key)).isEqualTo("COMPLETED");
    assertThat(state(engine, other)).isEqualTo("ACTIVE");
  }

  @Test
  void aNonInterruptingTimerCycleFiresRepeatedlyAndTheProcessWaitsForItsInstances() {
    deployModels(
        engine,
        Bpmn.createExecutableProcess("esp-timer")
            .eventSubProcess(
                "SubProcess_Remind",
                e ->
                    e.startEvent("Event_Every10Minutes")
                        .interrupting(false)
                        .timerWithCycle("R2/PT10M")
                        .serviceTask("Task_Remind", t -> t.zeebeJobType("esp.remind"))
                        .endEvent())
            .startEvent()
            .serviceTask("Task_Work", t -> t.zeebeJobType("esp.twork"))
            .endEvent()
            .done());
    at(Duration.ZERO);
    long key = start(engine, "esp-timer", Map.of());
    ActivatedJob work = single("esp.twork");

    at(Duration.ofMinutes(10));
    ActivatedJob first = single("esp.remind");
    at(Duration.ofMinutes(20));
    ActivatedJob second = single("esp.remind");
    at(Duration.ofMinutes(60));
    assertThat(activate(engine, "esp.remind")).isEmpty();

    complete(work, Map.of());
    complete(first, Map.of());
    assertThat(state(engine, key)).isEqualTo("ACTIVE");
    complete(second, Map.of());
    assertThat(state(engine, key)).isEqualTo("COMPLETED");
  }

  @Test
  void anErrorEventSubprocessInsideTheSubprocessCatchesBeforeTheBoundaryEventOutside() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("esp-error")
            .startEvent()
            .subProcess(
                "SubProcess_Payment",
                s -> {
                  s.embeddedSubProcess()
                      .eventSubProcess(
                          "SubProcess_HandleDecline",
                          e ->
                              e.startEvent("Event_Declined")
                                  .error("DECLINED")
                                  .serviceTask("Task_Notify", t -> t.zeebeJobType("esp.notify"))
                                  .endEvent());
                  s.embeddedSubProcess()
                      .startEvent()
                      .serviceTask("Task_Charge", t -> t.zeebeJobType("esp.charge"))
                      .endEvent();
                })
            .serviceTask("Task_Ship", t -> t.zeebeJobType("esp.ship"))
            .endEvent()
            .moveToActivity("SubProcess_Payment")
            .boundaryEvent("Event_PaymentFailed", b -> b.error("DECLINED"))
            .serviceTask("Task_Escalate", t -> t.zeebeJobType("esp.escalate"))
            .endEvent()
            .done();
    errorVariables(model, "Event_Declined");
    deployModels(engine, model);
    long key = start(engine, "esp-error", Map.of());

    engine.throwError(single("esp.charge").job().key, "DECLINED", "card expired", Map.of()).join();

    ActivatedJob notify = single("esp.notify");
    assertThat(notify.variables())
        .containsEntry("caughtCode", "DECLINED")
        .containsEntry("caughtMessage", "card expired");
    assertThat(activate(engine, "esp.escalate")).isEmpty();
    complete(notify, Map.of());
    complete(single("esp.ship"), Map.of());
    assertThat(state(engine, key)).isEqualTo("COMPLETED");
  }

  @Test
  void anErrorEndEventIsCaughtByTheProcessLevelErrorEventSubprocess() {
    deployModels(
        engine,
        Bpmn.createExecutableProcess("esp-error-end")
            .eventSubProcess(
                "SubProcess_Failure",
                e ->
                    e.startEvent("Event_AnyError")
                        .error()
                        .serviceTask("Task_Report", t -> t.zeebeJobType("esp.report"))
                        .endEvent())
            .startEvent()
            .subProcess(
                "SubProcess_Check",
                s ->
                    s.embeddedSubProcess()
                        .startEvent()
                        .endEvent("Event_Fail", e -> e.error("BROKEN")))
            .endEvent()
            .done());
    long key = start(engine, "esp-error-end", Map.of());

    complete(single("esp.report"), Map.of());

    assertThat(state(engine, key)).isEqualTo("COMPLETED");
    assertThat(incidents(engine, key)).isEmpty();
  }

  @Test
  void aSignalEventSubprocessInASubprocessSeesItsLocalsAndTheSubprocessWaitsForIt() {
    deployModels(
        engine,
        Bpmn.createExecutableProcess("esp-signal")
            .startEvent()
            .subProcess(
                "SubProcess_Inspection",
                s -> {
                  s.zeebeInputExpression("\"north\"", "zone");
                  s.embeddedSubProcess()
                      .eventSubProcess(
                          "SubProcess_Alert",
                          e ->
                              e.startEvent("Event_Storm")
                                  .interrupting(false)
                                  .signal("storm")
                                  .serviceTask("Task_Secure", t -> t.zeebeJobType("esp.secure"))
                                  .endEvent());
                  s.embeddedSubProcess()
                      .startEvent()
                      .serviceTask("Task_Inspect", t -> t.zeebeJobType("esp.inspect"))
                      .endEvent();
                })
            .serviceTask("Task_After", t -> t.zeebeJobType("esp.after"))
            .endEvent()
            .done());
    long key = start(engine, "esp-signal", Map.of());
    ActivatedJob inspect = single("esp.inspect");

    engine.broadcastSignal("storm", Map.of()).join();
    engine.broadcastSignal("storm", Map.of()).join();
    List<ActivatedJob> secure = activate(engine, "esp.secure");

    assertThat(secure).hasSize(2);
    assertThat(secure.get(0).variables()).containsEntry("zone", "north");
    complete(inspect, Map.of());
    assertThat(activate(engine, "esp.after")).as("the subprocess waits").isEmpty();
    secure.forEach(job -> complete(job, Map.of()));
    complete(single("esp.after"), Map.of());
    assertThat(state(engine, key)).isEqualTo("COMPLETED");
  }

  @Test
  void cancellingTheInstanceEndsItsEventSubprocessesAndTheirEvents() {
    deployModels(
        engine,
        Bpmn.createExecutableProcess("esp-cancel")
            .eventSubProcess(
                "SubProcess_Remind",
                e ->
                    e.startEvent("Event_Hourly")
                        .interrupting(false)
                        .timerWithCycle("R/PT1H")
                        .serviceTask("Task_Remind", t -> t.zeebeJobType("esp.cremind"))
                        .endEvent())
            .startEvent()
            .userTask("Task_Review", u -> u.zeebeUserTask())
            .endEvent()
            .done());
    at(Duration.ZERO);
    long key = start(engine, "esp-cancel", Map.of());
    at(Duration.ofHours(1));
    assertThat(activate(engine, "esp.cremind")).hasSize(1);

    engine.cancelProcessInstance(key).join();
    at(Duration.ofHours(5));

    assertThat(state(engine, key)).isEqualTo("TERMINATED");
    assertThat(activate(engine, "esp.cremind")).isEmpty();
    assertThat(
            engine
                .searchElementInstances(
                    new SearchQuery(
                        List.of(
                            Criterion.eq("process_instance_key", key),
                            Criterion.eq("element_type", "EVENT_SUB_PROCESS")),
                        List.of(),
                        0,
                        10))
                .items())
        .extracting(r -> r.state)
        .containsExactly("TERMINATED");
  }

  @Test
  void anErrorBoundaryEventStoresTheErrorCodeAndMessage() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("esp-boundary-vars")
            .startEvent()
            .serviceTask("Task_Charge", t -> t.zeebeJobType("esp.bcharge"))
            .endEvent()
            .moveToActivity("Task_Charge")
            .boundaryEvent("Event_Failed", b -> b.error())
            .endEvent()
            .done();
    errorVariables(model, "Event_Failed");
    deployModels(engine, model);
    long key = start(engine, "esp-boundary-vars", Map.of());

    engine.throwError(single("esp.bcharge").job().key, "LIMIT", "over the limit", null).join();

    assertThat(state(engine, key)).isEqualTo("COMPLETED");
    assertThat(rootVariables(engine, key))
        .containsEntry("caughtCode", "LIMIT")
        .containsEntry("caughtMessage", "over the limit");
  }

  @Test
  void aBufferedMessageTriggersTheEventSubprocessAsTheScopeIsEntered() {
    deployModels(
        engine,
        Bpmn.createExecutableProcess("esp-buffered")
            .eventSubProcess(
                "SubProcess_Stop",
                e ->
                    e.startEvent("Event_Stop")
                        .message(m -> m.name("stop").zeebeCorrelationKeyExpression("ref"))
                        .endEvent())
            .startEvent()
            .serviceTask("Task_Work", t -> t.zeebeJobType("esp.bwork"))
            .endEvent()
            .done());
    engine.publishMessage("stop", "S-1", 60_000, null, Map.of()).join();

    long key = start(engine, "esp-buffered", Map.of("ref", "S-1"));

    assertThat(state(engine, key)).isEqualTo("COMPLETED");
    assertThat(activate(engine, "esp.bwork")).isEmpty();
  }
}
