package io.cityflow.conformance;

import io.camunda.client.CamundaClient;
import io.cityflow.engine.LocalEngine;
import io.cityflow.engine.LocalEngineConfig;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conformance suite against the local engine on an in-memory H2 database. */
class LocalEngineConformanceIT extends CamundaConformanceSuite {

  private static LocalEngine engine;
  private static CamundaClient client;

  @BeforeAll
  static void startEngine() {
    engine =
        LocalEngine.start(
            new LocalEngineConfig(
                "jdbc:h2:mem:conformance-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa",
                "",
                "127.0.0.1",
                0));
    client =
        CamundaClient.newClientBuilder()
            .applyEnvironmentVariableOverrides(false)
            .restAddress(engine.restAddress())
            .preferRestOverGrpc(true)
            .build();
  }

  @AfterAll
  static void stopEngine() {
    if (client != null) {
      client.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  @Override
  protected CamundaClient client() {
    return client;
  }
}
