package io.cityflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.DecisionDefinition;
import io.camunda.client.api.search.response.ProcessInstanceSequenceFlow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The part-2 endpoints through the unmodified Camunda client: DMN deployment and decisions, signal
 * broadcast, child instances of call activities and the sequence flows an instance took.
 */
class Part2ClientIT extends CamundaClientFixture {

  private static DeploymentEvent deployment;

  @BeforeAll
  static void deployModels() {
    deployment =
        EngineTestSupport.deploy(
            client,
            "dmn/route-ticket.dmn",
            "bpmn/business-rule.bpmn",
            "bpmn/signal.bpmn",
            "bpmn/call-parent.bpmn",
            "bpmn/call-child.bpmn");
  }

  @Test
  void theDeploymentListsTheDecisionAndItsRequirementsAndAnUnchangedOneKeepsThem() {
    assertThat(deployment.getDecisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getDmnDecisionId()).isEqualTo("route-ticket");
              assertThat(d.getDmnDecisionName()).isEqualTo("Route ticket");
              assertThat(d.getVersion()).isEqualTo(1);
              assertThat(d.getDmnDecisionRequirementsId()).isEqualTo("Definitions_RouteTicket");
            });
    assertThat(deployment.getDecisionRequirements())
        .singleElement()
        .satisfies(r -> assertThat(r.getResourceName()).isEqualTo("dmn/route-ticket.dmn"));

    DeploymentEvent again = EngineTestSupport.deploy(client, "dmn/route-ticket.dmn");

    assertThat(again.getDecisions().get(0).getDecisionKey())
        .isEqualTo(deployment.getDecisions().get(0).getDecisionKey());
  }

  @Test
  void evaluatingByIdAndByKeyAnswersWithTheOutput() {
    long key = deployment.getDecisions().get(0).getDecisionKey();

    EvaluateDecisionResponse byId =
        client
            .newEvaluateDecisionCommand()
            .decisionId("route-ticket")
            .variables(Map.of("category", "water"))
            .send()
            .join();
    EvaluateDecisionResponse byKey =
        client
            .newEvaluateDecisionCommand()
            .decisionKey(key)
            .variables(Map.of("category", "roads"))
            .send()
            .join();

    assertThat(byId.getDecisionOutput()).isEqualTo("\"utilities\"");
    assertThat(byId.getDecisionKey()).isEqualTo(key);
    assertThat(byId.getDecisionVersion()).isEqualTo(1);
    assertThat(byId.getEvaluatedDecisions())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getDecisionType()).isEqualTo("DECISION_TABLE");
              assertThat(e.getDecisionOutput()).isEqualTo("\"utilities\"");
              assertThat(e.getEvaluatedInputs())
                  .singleElement()
                  .satisfies(
                      i -> {
                        assertThat(i.getInputId()).isEqualTo("Input_Category");
                        assertThat(i.getInputValue()).isEqualTo("\"water\"");
                      });
              assertThat(e.getMatchedRules())
                  .singleElement()
                  .satisfies(
                      r -> {
                        assertThat(r.getRuleId()).isEqualTo("Rule_Water");
                        assertThat(r.getRuleIndex()).isEqualTo(1);
                        assertThat(r.getEvaluatedOutputs())
                            .singleElement()
                            .satisfies(
                                o -> {
                                  assertThat(o.getOutputName()).isEqualTo("department");
                                  assertThat(o.getOutputValue()).isEqualTo("\"utilities\"");
                                });
                      });
            });
    assertThat(byKey.getDecisionOutput()).isEqualTo("\"transport\"");
    assertThat(byKey.getEvaluatedDecisions().get(0).getMatchedRules())
        .extracting(r -> r.getRuleIndex())
        .containsExactly(2);
  }

  @Test
  void evaluatingAnUnknownDecisionIsNotFound() {
    assertThatThrownBy(
            () -> client.newEvaluateDecisionCommand().decisionId("no-such").send().join())
        .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.code()).isEqualTo(404));
  }

  @Test
  void decisionDefinitionsCanBeSearchedFetchedAndTheirXmlRead() {
    long key = deployment.getDecisions().get(0).getDecisionKey();

    List<DecisionDefinition> found =
        client
            .newDecisionDefinitionSearchRequest()
            .filter(f -> f.decisionDefinitionId("route-ticket"))
            .send()
            .join()
            .items();
    DecisionDefinition fetched = client.newDecisionDefinitionGetRequest(key).send().join();
    String xml = client.newDecisionDefinitionGetXmlRequest(key).send().join();

    assertThat(found).singleElement().satisfies(d -> assertThat(d.getDecisionKey()).isEqualTo(key));
    assertThat(fetched.getDmnDecisionName()).isEqualTo("Route ticket");
    assertThat(fetched.getDecisionRequirementsVersion()).isEqualTo(1);
    assertThat(xml).contains("DecisionTable_Route");
  }

  @Test
  void aBroadcastSignalStartsAnInstanceAndReachesItsCatchEvent() {
    var response =
        client
            .newBroadcastSignalCommand()
            .signalName("storm-warning")
            .variables(Map.of("level", "amber"))
            .send()
            .join();
    assertThat(response.getKey()).isPositive();
    long key =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId("signal"))
            .send()
            .join()
            .items()
            .get(0)
            .getProcessInstanceKey();

    client.newBroadcastSignalCommand().signalName("all-clear").send().join();

    assertThat(client.newProcessInstanceGetRequest(key).send().join().getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void aChildInstanceNamesItsParentAndTheSequenceFlowsOfEachAreRecorded() {
    long parent = EngineTestSupport.createInstance(client, "call-parent", Map.of("site", "depot"));
    ActivatedJob inspect =
        client
            .newActivateJobsCommand()
            .jobType("call.inspect")
            .maxJobsToActivate(1)
            .send()
            .join()
            .getJobs()
            .get(0);
    long child = inspect.getProcessInstanceKey();
    assertThat(
            client.newProcessInstanceGetRequest(child).send().join().getParentProcessInstanceKey())
        .isEqualTo(parent);

    client.newCompleteCommand(inspect).variables(Map.of("safe", true)).send().join();

    List<ProcessInstanceSequenceFlow> flows =
        client.newProcessInstanceSequenceFlowsRequest(child).send().join();
    assertThat(flows)
        .extracting(ProcessInstanceSequenceFlow::getSequenceFlowId)
        .hasSize(3)
        .doesNotHaveDuplicates();
    assertThat(flows)
        .allSatisfy(
            f -> {
              assertThat(f.getProcessInstanceKey()).isEqualTo(Long.toString(child));
              assertThat(f.getRootProcessInstanceKey()).isEqualTo(Long.toString(parent));
              assertThat(f.getProcessDefinitionId()).isEqualTo("call-child");
            });
    assertThat(client.newProcessInstanceSequenceFlowsRequest(parent).send().join()).hasSize(2);
  }
}
