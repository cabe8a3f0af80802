package io.cityflow.cases.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.MigrateProcessInstanceCommandStep1.MigrateProcessInstanceCommandFinalStep;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.cityflow.cases.ProcessModels;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The process-models port over the Camunda client's deployment, search and migration API. What
 * stops an element from migrating is read from the model, after the local engine's rules (ADR 0015,
 * 0020), so that a plan shows up front what the engine will refuse.
 */
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
        .map(this::toModel)
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

  @Override
  public Optional<DeployedModel> process(long definitionKey) {
    ProcessDefinition d;
    try {
      d = client.newProcessDefinitionGetRequest(definitionKey).send().join();
    } catch (ClientHttpException e) {
      if (e.code() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(toModel(d));
  }

  private DeployedModel toModel(ProcessDefinition d) {
    return new DeployedModel(
        d.getProcessDefinitionKey(),
        d.getProcessDefinitionId(),
        d.getName(),
        d.getVersion(),
        d.getResourceName(),
        activeInstances(d.getProcessDefinitionKey()));
  }

  @Override
  public List<ModelElement> elements(long definitionKey) {
    return xml(definitionKey).map(ModelElements::read).orElse(List.of());
  }

  private static final int PAGE = 1000;

  @Override
  public RunningInstances running(long definitionKey, int limit) {
    Map<Long, List<String>> instances = new TreeMap<>();
    String cursor = null;
    boolean more = false;
    while (true) {
      String after = cursor;
      var response =
          client
              .newElementInstanceSearchRequest()
              .filter(f -> f.processDefinitionKey(definitionKey).state(ElementInstanceState.ACTIVE))
              .page(
                  p -> {
                    p.limit(PAGE);
                    if (after != null) {
                      p.after(after);
                    }
                  })
              .send()
              .join();
      for (ElementInstance e : response.items()) {
        List<String> active =
            instances.computeIfAbsent(e.getProcessInstanceKey(), k -> new ArrayList<>());
        if (e.getType() != ElementInstanceType.PROCESS) {
          active.add(e.getElementId());
        }
      }
      cursor = response.page().endCursor();
      if (response.items().size() < PAGE || cursor == null) {
        break;
      }
      if (instances.size() > limit) {
        more = true;
        break;
      }
    }
    boolean complete = !more && instances.size() <= limit;
    return new RunningInstances(
        instances.entrySet().stream()
            .limit(limit)
            .map(e -> new RunningInstance(e.getKey(), e.getValue()))
            .toList(),
        complete);
  }

  @Override
  public void migrate(
      long processInstanceKey, long targetDefinitionKey, Map<String, String> mappings) {
    var step =
        client
            .newMigrateProcessInstanceCommand(processInstanceKey)
            .migrationPlan(targetDefinitionKey);
    MigrateProcessInstanceCommandFinalStep command = null;
    for (Map.Entry<String, String> m : mappings.entrySet()) {
      command =
          command == null
              ? step.addMappingInstruction(m.getKey(), m.getValue())
              : command.addMappingInstruction(m.getKey(), m.getValue());
    }
    if (command == null) {
      throw new MigrationRefused("no element of this version maps to the target version");
    }
    try {
      command.send().join();
    } catch (ProblemException e) {
      if (e.code() >= 400 && e.code() < 500) {
        String detail = e.details() == null ? null : e.details().getDetail();
        throw new MigrationRefused(detail == null ? e.getMessage() : detail);
      }
      throw e;
    } catch (ClientHttpException e) {
      if (e.code() >= 400 && e.code() < 500) {
        throw new MigrationRefused(e.reason() == null ? e.getMessage() : e.reason());
      }
      throw e;
    }
  }
}
