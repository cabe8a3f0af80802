package io.cityflow.engine;

import io.camunda.client.CamundaClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the tests that share one in-memory engine per test class and drive it through the
 * unmodified Camunda client over REST; a subclass deploys in its own static {@code @BeforeAll},
 * which JUnit runs after this one.
 */
abstract class CamundaClientFixture {

  protected static LocalEngine engine;
  protected static CamundaClient client;

  @BeforeAll
  static void startEngineAndClient() {
    engine = LocalEngine.start(EngineTestSupport.inMemory());
    client = EngineTestSupport.client(engine);
  }

  @AfterAll
  static void stopEngineAndClient() {
    client.close();
    engine.close();
  }
}
