package io.cityflow.cases.camunda;

import io.cityflow.cases.ProcessModels;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Deployments in memory, standing in for the engine in the case API tests. */
@Singleton
@Replaces(CamundaProcessModels.class)
public class FakeProcessModels implements ProcessModels {
  public final List<DeployedModel> deployed = new CopyOnWriteArrayList<>();
  private final Map<Long, String> xml = new ConcurrentHashMap<>();

  @Override
  public List<DeployedModel> models() {
    return List.copyOf(deployed);
  }

  @Override
  public List<DeployedModel> deploy(String resourceName, byte[] content) {
    long key = 1000 + deployed.size();
    DeployedModel model =
        new DeployedModel(key, resourceName.replace(".bpmn", ""), resourceName, 1, resourceName, 0);
    deployed.add(model);
    xml.put(key, new String(content, java.nio.charset.StandardCharsets.UTF_8));
    return List.of(model);
  }

  @Override
  public Optional<String> xml(long definitionKey) {
    return Optional.ofNullable(xml.get(definitionKey));
  }
}
