package io.cityflow.engine;

import io.cityflow.engine.api.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that drive a fresh in-memory engine per test in-process; a subclass deploys its
 * models in its own {@code @BeforeEach}, which JUnit runs after this one.
 */
abstract class InMemoryEngineTest {

  private LocalEngine local;

  /** The engine of the running test. */
  protected Engine engine;

  @BeforeEach
  void startEngine() {
    local = LocalEngine.start(EngineTestSupport.inMemory());
    engine = local.engine();
  }

  @AfterEach
  void stopEngine() {
    local.close();
  }
}
