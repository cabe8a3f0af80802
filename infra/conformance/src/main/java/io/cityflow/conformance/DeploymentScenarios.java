package io.cityflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.camunda.client.api.search.response.Form;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deployments, versioning, process definitions, forms and cluster status. */
public abstract class DeploymentScenarios extends ScenarioSupport {

  static String formJson(String formId) {
    return """
        {"id":"%s","type":"default","schemaVersion":16,
         "components":[{"type":"textfield","key":"citizenName","label":"Citizen name"}]}
        """
        .formatted(formId);
  }

  @Test
  // docs/components/concepts/resource-deployments/
  void deployingAProcessReturnsItsIdFirstVersionAndKey() {
    String id = uniqueId("deploy-first");

    DeploymentEvent deployment = deploy(serviceTaskProcess(id, id));

    assertThat(deployment.getKey()).isPositive();
    assertThat(deployment.getProcesses())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getBpmnProcessId()).isEqualTo(id);
              assertThat(p.getVersion()).isEqualTo(1);
              assertThat(p.getProcessDefinitionKey()).isPositive();
              assertThat(p.getResourceName()).isEqualTo(id + ".bpmn");
            });
  }

  @Test
  // docs/components/concepts/resource-deployments/
  void redeployingAnUnchangedResourceKeepsItsVersionAndKey() {
    String id = uniqueId("deploy-same");
    BpmnModelInstance model = serviceTaskProcess(id, id);
    Process first = deploy(model).getProcesses().get(0);

    Process second = deploy(model).getProcesses().get(0);

    assertThat(second.getVersion()).isEqualTo(1);
    assertThat(second.getProcessDefinitionKey()).isEqualTo(first.getProcessDefinitionKey());
  }

  @Test
  // docs/components/concepts/resource-deployments/
  void deployingAChangedResourceCreatesTheNextVersion() {
    String id = uniqueId("deploy-next");
    Process first = deploy(serviceTaskProcess(id, "a-" + id)).getProcesses().get(0);

    Process second = deploy(serviceTaskProcess(id, "b-" + id)).getProcesses().get(0);

    assertThat(first.getVersion()).isEqualTo(1);
    assertThat(second.getVersion()).isEqualTo(2);
    assertThat(second.getProcessDefinitionKey()).isNotEqualTo(first.getProcessDefinitionKey());
  }

  @Test
  // docs/components/modeler/forms/camunda-forms-reference/
  void deployingAFormReturnsItsFormIdAndVersion() {
    String formId = uniqueId("form");

    DeploymentEvent deployment =
        client()
            .newDeployResourceCommand()
            .addResourceStringUtf8(formJson(formId), formId + ".form")
            .send()
            .join();

    assertThat(deployment.getForm())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.getFormId()).isEqualTo(formId);
              assertThat(f.getVersion()).isEqualTo(1);
              assertThat(f.getFormKey()).isPositive();
            });
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/create-deployment/
  void deployingMalformedXmlIsRejectedAsInvalid() {
    ProblemException problem =
        problemOf(
            () ->
                client()
                    .newDeployResourceCommand()
                    .addResourceStringUtf8("<bpmn:definitions", uniqueId("broken") + ".bpmn")
                    .send()
                    .join());

    assertThat(problem.code()).isEqualTo(400);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/create-deployment/ (atomic)
  void aDeploymentWithOneInvalidResourceDeploysNothing() {
    String id = uniqueId("deploy-atomic");

    ProblemException problem =
        problemOf(
            () ->
                client()
                    .newDeployResourceCommand()
                    .addProcessModel(serviceTaskProcess(id, id), id + ".bpmn")
                    .addResourceStringUtf8("<bpmn:definitions", id + "-broken.bpmn")
                    .send()
                    .join());

    assertThat(problem.code()).isEqualTo(400);
    assertThat(
            client()
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId(id))
                .send()
                .join()
                .items())
        .isEmpty();
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/search-process-definitions/
  void processDefinitionSearchFindsOnlyTheLatestVersionWhenAsked() {
    String id = uniqueId("defs-latest");
    deploy(serviceTaskProcess(id, "a-" + id));
    long latestKey = deployProcess(serviceTaskProcess(id, "b-" + id));

    List<ProcessDefinition> all =
        await()
            .atMost(EVENTUALLY)
            .until(
                () ->
                    client()
                        .newProcessDefinitionSearchRequest()
                        .filter(f -> f.processDefinitionId(id))
                        .send()
                        .join()
                        .items(),
                items -> items.size() == 2);
    List<ProcessDefinition> latest =
        client()
            .newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionId(id).isLatestVersion(true))
            .send()
            .join()
            .items();

    assertThat(all).extracting(ProcessDefinition::getVersion).containsExactlyInAnyOrder(1, 2);
    assertThat(latest)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getVersion()).isEqualTo(2);
              assertThat(d.getProcessDefinitionKey()).isEqualTo(latestKey);
            });
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/get-process-definition-xml/
  void processDefinitionXmlIsTheDeployedModel() {
    String id = uniqueId("defs-xml");
    long key = deployProcess(serviceTaskProcess(id, "job-" + id));

    String xml =
        await()
            .atMost(EVENTUALLY)
            .ignoreException(ProblemException.class)
            .until(() -> client().newProcessDefinitionGetXmlRequest(key).send().join(), x -> true);

    assertThat(Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(xml.getBytes())))
        .satisfies(
            m ->
                assertThat(m.getModelElementById(id).getAttributeValue("isExecutable"))
                    .isEqualTo("true"));
    assertThat(xml).contains("job-" + id);
  }

  @Test
  // docs/components/modeler/bpmn/none-events/none-events/ (start form on the none start event)
  void aLinkedStartFormIsServedForTheProcessDefinition() {
    String id = uniqueId("start-form");
    String formId = uniqueId("start-form-f");
    client()
        .newDeployResourceCommand()
        .addResourceStringUtf8(formJson(formId), formId + ".form")
        .send()
        .join();
    long key =
        deployProcess(
            Bpmn.createExecutableProcess(id).startEvent().zeebeFormId(formId).endEvent().done());

    Form form =
        await()
            .atMost(EVENTUALLY)
            .ignoreException(ProblemException.class)
            .until(
                () -> client().newProcessDefinitionGetFormRequest(key).send().join(),
                f -> f.getFormId() != null);
    ProcessDefinition definition = client().newProcessDefinitionGetRequest(key).send().join();

    assertThat(form.getFormId()).isEqualTo(formId);
    assertThat(form.getSchema()).contains("citizenName");
    assertThat(definition.getHasStartForm()).isTrue();
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/get-start-process-form/
  void aProcessWithoutStartFormHasNoForm() {
    String id = uniqueId("no-start-form");
    long key = deployProcess(serviceTaskProcess(id, id));

    Form form =
        await()
            .atMost(EVENTUALLY)
            .ignoreException(ProblemException.class)
            .until(() -> client().newProcessDefinitionGetFormRequest(key).send().join(), f -> true);

    assertThat(form.getFormId()).isNull();
    assertThat(form.getSchema()).isNull();
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/get-topology/
  void topologyDescribesBrokersWithPartitions() {
    var topology = client().newTopologyRequest().send().join();

    assertThat(topology.getBrokers()).isNotEmpty();
    assertThat(topology.getBrokers()).allSatisfy(b -> assertThat(b.getPartitions()).isNotEmpty());
    assertThat(topology.getPartitionsCount()).isPositive();
    assertThat(topology.getGatewayVersion()).isNotBlank();
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/get-status/
  void statusAnswersWhenTheClusterIsUp() {
    var status = client().newStatusRequest().send().join();

    assertThat(status).isNotNull();
  }

  @Test
  // docs/components/concepts/resource-deployments/ (forms are versioned like processes)
  void redeployingAnUnchangedFormKeepsItsVersionAndKey() {
    String formId = uniqueId("form-same");
    var first =
        client()
            .newDeployResourceCommand()
            .addResourceStringUtf8(formJson(formId), formId + ".form")
            .send()
            .join()
            .getForm()
            .get(0);

    var second =
        client()
            .newDeployResourceCommand()
            .addResourceStringUtf8(formJson(formId), formId + ".form")
            .send()
            .join()
            .getForm()
            .get(0);

    assertThat(second.getVersion()).isEqualTo(1);
    assertThat(second.getFormKey()).isEqualTo(first.getFormKey());
  }

  @Test
  // docs/components/concepts/expressions/ (expressions are parsed when the process is deployed)
  void deployingAProcessWithAnUnparsableExpressionIsRejected() {
    String id = uniqueId("deploy-bad-feel");

    ProblemException problem =
        problemOf(
            () ->
                deploy(
                    Bpmn.createExecutableProcess(id)
                        .startEvent()
                        .exclusiveGateway("Gateway_Broken")
                        .conditionExpression("amount >")
                        .endEvent()
                        .moveToLastGateway()
                        .conditionExpression("amount <= 10")
                        .endEvent()
                        .done()));

    assertThat(problem.code()).isEqualTo(400);
    assertThat(
            client()
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId(id))
                .send()
                .join()
                .items())
        .isEmpty();
  }
}
