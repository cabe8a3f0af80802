package io.cityflow.cases.camunda;

import io.cityflow.cases.ProcessModels;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deployments and running instances in memory, standing in for the engine in the case API tests.
 * Migration follows the local engine's rules: every active element needs a mapping to an element of
 * the same type, elements the model marks as not migratable are refused, and so is a boundary event
 * of an active element mapped to one not attached to the element's target.
 */
@Singleton
@Replaces(CamundaProcessModels.class)
public class FakeProcessModels implements ProcessModels {
  public final List<DeployedModel> deployed = new CopyOnWriteArrayList<>();
  private final Map<Long, String> xml = new ConcurrentHashMap<>();

  /** Running instances: key to definition key and active element ids. */
  public final Map<Long, Instance> instances = new ConcurrentHashMap<>();

  private final AtomicLong nextInstance = new AtomicLong(9000);

  /** A running instance of the fake engine. */
  public record Instance(long definitionKey, List<String> activeElementIds) {}

  @Override
  public List<DeployedModel> models() {
    return List.copyOf(deployed);
  }

  @Override
  public synchronized List<DeployedModel> deploy(String resourceName, byte[] content) {
    long key = 1000 + deployed.size();
    String id = resourceName.replace(".bpmn", "");
    int version = (int) deployed.stream().filter(d -> d.id().equals(id)).count() + 1;
    DeployedModel model = new DeployedModel(key, id, resourceName, version, resourceName, 0);
    deployed.add(model);
    xml.put(key, new String(content, StandardCharsets.UTF_8));
    return List.of(model);
  }

  @Override
  public Optional<String> xml(long definitionKey) {
    return Optional.ofNullable(xml.get(definitionKey));
  }

  @Override
  public Optional<DeployedModel> process(long definitionKey) {
    return deployed.stream().filter(d -> d.key() == definitionKey).findFirst();
  }

  @Override
  public List<ModelElement> elements(long definitionKey) {
    return xml(definitionKey).map(ModelElements::read).orElse(List.of());
  }

  /** Starts an instance waiting in the given elements. */
  public long start(long definitionKey, String... activeElementIds) {
    long key = nextInstance.incrementAndGet();
    instances.put(key, new Instance(definitionKey, List.of(activeElementIds)));
    return key;
  }

  @Override
  public RunningInstances running(long definitionKey, int limit) {
    Map<Long, Instance> sorted = new TreeMap<>(instances);
    List<RunningInstance> running = new ArrayList<>();
    sorted.forEach(
        (key, instance) -> {
          if (instance.definitionKey() == definitionKey) {
            running.add(new RunningInstance(key, instance.activeElementIds()));
          }
        });
    return new RunningInstances(
        running.subList(0, Math.min(limit, running.size())), running.size() <= limit);
  }

  @Override
  public synchronized void migrate(
      long processInstanceKey, long targetDefinitionKey, Map<String, String> mappings) {
    Instance instance = instances.get(processInstanceKey);
    if (instance == null) {
      throw new MigrationRefused("no active process instance " + processInstanceKey);
    }
    Map<String, ModelElement> source = byId(elements(instance.definitionKey()));
    Map<String, ModelElement> target = byId(elements(targetDefinitionKey));
    List<String> problems = new ArrayList<>();
    List<String> moved = new ArrayList<>();
    for (String id : instance.activeElementIds()) {
      String to = mappings.get(id);
      if (to == null) {
        problems.add("active element '" + id + "' has no mapping");
      } else if (source.get(id).limitation() != null) {
        problems.add("active element '" + id + "' " + source.get(id).limitation());
      } else if (!target.containsKey(to) || !target.get(to).type().equals(source.get(id).type())) {
        problems.add("element '" + id + "' cannot be mapped to '" + to + "'");
      } else {
        moved.add(to);
        // Like the engine: a boundary event maps only to one attached to its element's target.
        source.values().stream()
            .filter(b -> id.equals(b.attachedToId()) && mappings.containsKey(b.id()))
            .filter(
                b ->
                    target.get(mappings.get(b.id())) == null
                        || !to.equals(target.get(mappings.get(b.id())).attachedToId()))
            .forEach(
                b ->
                    problems.add(
                        "boundary event '"
                            + b.id()
                            + "' of active element '"
                            + id
                            + "' is mapped to '"
                            + mappings.get(b.id())
                            + "', which is not attached to '"
                            + to
                            + "'"));
      }
    }
    if (!problems.isEmpty()) {
      throw new MigrationRefused(
          "Expected to migrate process instance "
              + processInstanceKey
              + ", but "
              + String.join("; ", problems));
    }
    instances.put(processInstanceKey, new Instance(targetDefinitionKey, moved));
  }

  private static Map<String, ModelElement> byId(List<ModelElement> elements) {
    Map<String, ModelElement> map = new TreeMap<>();
    elements.forEach(e -> map.put(e.id(), e));
    return map;
  }
}
