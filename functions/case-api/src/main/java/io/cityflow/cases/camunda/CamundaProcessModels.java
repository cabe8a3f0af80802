package io.cityflow.cases.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.cityflow.cases.ProcessModels;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The process-models port over the Camunda client's deployment and search API. */
@Singleton
class CamundaProcessModels implements ProcessModels {
  private final CamundaClient client;

  CamundaProcessModels(CamundaClient client) {
    this.client = client;
  }

  @Override
  public List<DeployedModel> models() {
    List<ProcessDefinition> definitions =
        client.newProcessDefinitionSearchRequest().page(p -> p.limit(200)).send().join().items();
    return definitions.stream()
        .map(
            d ->
                new DeployedModel(
                    d.getProcessDefinitionKey(),
                    d.getProcessDefinitionId(),
                    d.getName(),
                    d.getVersion(),
                    d.getResourceName(),
                    activeInstances(d.getProcessDefinitionKey())))
        .sorted(
            Comparator.comparing(DeployedModel::id)
                .thenComparing(DeployedModel::version, Comparator.reverseOrder()))
        .toList();
  }

  private long activeInstances(long definitionKey) {
    Long total =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionKey(definitionKey).state(ProcessInstanceState.ACTIVE))
            .page(p -> p.limit(1))
            .send()
            .join()
            .page()
            .totalItems();
    return total == null ? 0 : total;
  }

  @Override
  public List<DeployedModel> deploy(String resourceName, byte[] content) {
    DeploymentEvent event =
        client.newDeployResourceCommand().addResourceBytes(content, resourceName).send().join();
    List<DeployedModel> deployed = new ArrayList<>();
    event
        .getProcesses()
        .forEach(
            p ->
                deployed.add(
                    new DeployedModel(
                        p.getProcessDefinitionKey(),
                        p.getBpmnProcessId(),
                        p.getBpmnProcessId(),
                        p.getVersion(),
                        p.getResourceName(),
                        0)));
    event
        .getForm()
        .forEach(
            f ->
                deployed.add(
                    new DeployedModel(
                        f.getFormKey(),
                        f.getFormId(),
                        f.getFormId(),
                        f.getVersion(),
                        f.getResourceName(),
                        -1)));
    event
        .getDecisions()
        .forEach(
            d ->
                deployed.add(
                    new DeployedModel(
                        d.getDecisionKey(),
                        d.getDmnDecisionId(),
                        d.getDmnDecisionName(),
                        d.getVersion(),
                        resourceName,
                        -1)));
    return deployed;
  }

  @Override
  public Optional<String> xml(long definitionKey) {
    try {
      return Optional.ofNullable(
          client.newProcessDefinitionGetXmlRequest(definitionKey).send().join());
    } catch (ClientHttpException e) {
      if (e.code() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
