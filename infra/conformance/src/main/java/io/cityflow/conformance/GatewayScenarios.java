package io.cityflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.ExclusiveGatewayBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exclusive and parallel gateways. */
public abstract class GatewayScenarios extends ScenarioSupport {

  /** amount > 1000 → "large", amount > 100 → "medium", otherwise the default → "small". */
  private static BpmnModelInstance routing(String id, boolean withDefault) {
    var gateway =
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .exclusiveGateway("Gateway_Amount")
            .conditionExpression("amount > 1000")
            .serviceTask("Task_Large", t -> t.zeebeJobType(id + ".large"))
            .endEvent()
            .moveToLastGateway()
            .conditionExpression("amount > 100")
            .serviceTask("Task_Medium", t -> t.zeebeJobType(id + ".medium"))
            .endEvent();
    if (!withDefault) {
      return gateway.done();
    }
    return ((ExclusiveGatewayBuilder) gateway.moveToLastGateway())
        .defaultFlow()
        .serviceTask("Task_Small", t -> t.zeebeJobType(id + ".small"))
        .endEvent()
        .done();
  }

  @Test
  // docs/components/modeler/bpmn/exclusive-gateways/exclusive-gateways/
  void anExclusiveGatewayTakesTheFirstFlowWhoseConditionHolds() {
    String id = uniqueId("xor-first");
    deploy(routing(id, true));

    long key = startInstance(id, Map.of("amount", 5000));

    assertThat(activateOne(id + ".large").getProcessInstanceKey()).isEqualTo(key);
    assertNoJob(id + ".medium");
    assertNoJob(id + ".small");
  }

  @Test
  // docs/components/modeler/bpmn/exclusive-gateways/exclusive-gateways/
  void anExclusiveGatewayTakesTheMatchingNonFirstFlow() {
    String id = uniqueId("xor-second");
    deploy(routing(id, true));

    long key = startInstance(id, Map.of("amount", 500));

    assertThat(activateOne(id + ".medium").getProcessInstanceKey()).isEqualTo(key);
    assertNoJob(id + ".large");
  }

  @Test
  // docs/components/modeler/bpmn/exclusive-gateways/exclusive-gateways/ (default flow)
  void anExclusiveGatewayTakesTheDefaultFlowWhenNoConditionHolds() {
    String id = uniqueId("xor-default");
    deploy(routing(id, true));

    long key = startInstance(id, Map.of("amount", 10));

    assertThat(activateOne(id + ".small").getProcessInstanceKey()).isEqualTo(key);
  }

  @Test
  // docs/components/modeler/bpmn/exclusive-gateways/exclusive-gateways/ (no default: incident)
  void anExclusiveGatewayWithNoMatchAndNoDefaultRaisesAConditionIncident() {
    String id = uniqueId("xor-incident");
    deploy(routing(id, false));

    long key = startInstance(id, Map.of("amount", 10));

    Incident incident = awaitIncident(key);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.CONDITION_ERROR);
    assertThat(incident.getElementId()).isEqualTo("Gateway_Amount");
    assertThat(awaitInstanceState(key, ProcessInstanceState.ACTIVE).getHasIncident()).isTrue();
  }

  @Test
  // docs/components/concepts/incidents/ (resolve after fixing the data)
  void resolvingAConditionIncidentAfterFixingTheVariablesRetakesTheDecision() {
    String id = uniqueId("xor-resolve");
    deploy(routing(id, false));
    long key = startInstance(id, Map.of("amount", 10));
    Incident incident = awaitIncident(key);

    client().newSetVariablesCommand(key).variables(Map.of("amount", 200)).send().join();
    client().newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    assertThat(activateOne(id + ".medium").getProcessInstanceKey()).isEqualTo(key);
    awaitNoActiveIncident(key);
  }

  @Test
  // docs/components/modeler/bpmn/parallel-gateways/parallel-gateways/
  void aParallelGatewayForksAllBranchesAndTheJoinWaitsForEachOfThem() {
    String id = uniqueId("and-fork-join");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .parallelGateway("Gateway_Fork")
            .serviceTask("Task_CheckPermit", t -> t.zeebeJobType(id + ".permit"))
            .parallelGateway("Gateway_Join")
            .serviceTask("Task_Notify", t -> t.zeebeJobType(id + ".notify"))
            .endEvent()
            .moveToNode("Gateway_Fork")
            .serviceTask("Task_CheckFee", t -> t.zeebeJobType(id + ".fee"))
            .connectTo("Gateway_Join")
            .done());
    long key = startInstance(id);

    ActivatedJob permit = activateOne(id + ".permit");
    ActivatedJob fee = activateOne(id + ".fee");
    client().newCompleteCommand(permit).variables(Map.of("permitOk", true)).send().join();
    assertNoJob(id + ".notify");
    client().newCompleteCommand(fee).variables(Map.of("feePaid", true)).send().join();

    ActivatedJob notify = activateOne(id + ".notify");
    assertThat(notify.getVariablesAsMap())
        .containsEntry("permitOk", true)
        .containsEntry("feePaid", true);
    client().newCompleteCommand(notify).send().join();
    awaitCompleted(key);
    assertNoJob(id + ".notify");
  }
}
