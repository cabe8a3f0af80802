package io.cityflow.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.response.DeploymentEvent;
import io.cityflow.engine.api.Engine;
import io.cityflow.engine.runtime.Executor.Resource;
import io.cityflow.engine.runtime.ProcessInstance;
import io.cityflow.engine.state.Criterion;
import io.cityflow.engine.state.SearchQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Small helpers for tests that drive the engine in-process or through the Camunda client. */
final class EngineTestSupport {

  private EngineTestSupport() {}

  static LocalEngineConfig inMemory() {
    return new LocalEngineConfig(
        "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", "127.0.0.1", 0);
  }

  static Resource resource(String path) {
    try (InputStream in = EngineTestSupport.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource " + path);
      }
      return new Resource(path.substring(path.lastIndexOf('/') + 1), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deploy(Engine engine, String... paths) {
    engine.deploy(java.util.Arrays.stream(paths).map(EngineTestSupport::resource).toList()).join();
  }

  /** Deploys models built in the test, in one deployment, each as {@code <process id>.bpmn}. */
  static io.cityflow.engine.runtime.Executor.Deployment deployModels(
      Engine engine, io.camunda.zeebe.model.bpmn.BpmnModelInstance... models) {
    List<Resource> resources = new java.util.ArrayList<>();
    for (io.camunda.zeebe.model.bpmn.BpmnModelInstance model : models) {
      String id =
          model
              .getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class)
              .iterator()
              .next()
              .getId();
      resources.add(
          new Resource(
              id + ".bpmn",
              io.camunda.zeebe.model.bpmn.Bpmn.convertToString(model)
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return engine.deploy(resources).join();
  }

  static String state(Engine engine, long processInstanceKey) {
    return engine.processInstance(processInstanceKey).map(p -> p.state).orElse("MISSING");
  }

  /** Activates every activatable job of a type, locked for a minute. */
  static List<io.cityflow.engine.runtime.ActivatedJob> activate(Engine engine, String type) {
    return engine.activateJobs(type, "test", 60_000, 100, List.of(), 0).join();
  }

  /** The variables of a process instance's own scope, by name. */
  static java.util.Map<String, Object> rootVariables(Engine engine, long processInstanceKey) {
    java.util.Map<String, Object> result = new java.util.HashMap<>();
    for (io.cityflow.engine.runtime.Variable v :
        engine
            .searchVariables(
                new SearchQuery(
                    List.of(
                        Criterion.eq("process_instance_key", processInstanceKey),
                        Criterion.eq("scope_key", processInstanceKey)),
                    List.of(),
                    0,
                    1000))
            .items()) {
      result.put(v.name, io.cityflow.engine.runtime.Json.read(v.json));
    }
    return result;
  }

  /** The active incidents of a process instance. */
  static List<io.cityflow.engine.runtime.Incident> incidents(
      Engine engine, long processInstanceKey) {
    return engine
        .searchIncidents(
            new SearchQuery(
                List.of(
                    Criterion.eq("process_instance_key", processInstanceKey),
                    Criterion.eq("state", "ACTIVE")),
                List.of(),
                0,
                100))
        .items();
  }

  static long start(Engine engine, String processId, java.util.Map<String, Object> variables) {
    return engine.createProcessInstance(processId, -1, variables).join().instance().key;
  }

  static List<ProcessInstance> instancesOf(Engine engine, String bpmnProcessId) {
    return engine
        .searchProcessInstances(
            new SearchQuery(
                List.of(Criterion.eq("bpmn_process_id", bpmnProcessId)), List.of(), 0, 1000))
        .items();
  }

  /** The unmodified Camunda client, talking REST to a running local engine. */
  static CamundaClient client(LocalEngine engine) {
    return CamundaClient.newClientBuilder()
        .applyEnvironmentVariableOverrides(false)
        .restAddress(engine.restAddress())
        .preferRestOverGrpc(true)
        .build();
  }

  /** Deploys classpath resources through the client, all in one deployment. */
  static DeploymentEvent deploy(CamundaClient client, String first, String... more) {
    DeployResourceCommandStep1.DeployResourceCommandStep2 command =
        client.newDeployResourceCommand().addResourceFromClasspath(first);
    for (String path : more) {
      command = command.addResourceFromClasspath(path);
    }
    return command.send().join();
  }

  /** Starts an instance of the latest version of a process through the client; its key. */
  static long createInstance(
      CamundaClient client, String processId, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }
}
