package io.cityflow.engine;

import io.cityflow.engine.api.Engine;
import io.cityflow.engine.runtime.Executor.Resource;
import io.cityflow.engine.runtime.ProcessInstance;
import io.cityflow.engine.state.Criterion;
import io.cityflow.engine.state.SearchQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** Small helpers for tests that drive the engine in-process. */
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

  static String state(Engine engine, long processInstanceKey) {
    return engine.processInstance(processInstanceKey).map(p -> p.state).orElse("MISSING");
  }

  static List<ProcessInstance> instancesOf(Engine engine, String bpmnProcessId) {
    return engine
        .searchProcessInstances(
            new SearchQuery(
                List.of(Criterion.eq("bpmn_process_id", bpmnProcessId)), List.of(), 0, 1000))
        .items();
  }
}
