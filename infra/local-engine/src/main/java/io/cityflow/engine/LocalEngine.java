package io.cityflow.engine;

import io.cityflow.engine.api.Engine;
import io.cityflow.engine.model.BpmnCompiler;
import io.cityflow.engine.model.Feel;
import io.cityflow.engine.processor.CommandProcessor;
import io.cityflow.engine.rest.RestApi;
import io.cityflow.engine.rest.RestServer;
import io.cityflow.engine.runtime.EngineClock;
import io.cityflow.engine.runtime.Executor;
import io.cityflow.engine.runtime.RuntimeState;
import io.cityflow.engine.scheduler.Scheduler;
import io.cityflow.engine.state.JdbcStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * The local engine: its tables, its command loop, its scheduler and its {@code /v2} HTTP server,
 * started together and stopped together.
 */
public final class LocalEngine implements AutoCloseable {

  private final JdbcStore store;
  private final CommandProcessor processor;
  private final Scheduler scheduler;
  private final RestServer server;
  private final Engine engine;

  private LocalEngine(
      JdbcStore store,
      CommandProcessor processor,
      Scheduler scheduler,
      RestServer server,
      Engine engine) {
    this.store = store;
    this.processor = processor;
    this.scheduler = scheduler;
    this.server = server;
    this.engine = engine;
  }

  /** Migrates the engine's tables, loads its state, and starts the loop, scheduler and server. */
  public static LocalEngine start(LocalEngineConfig config) {
    EngineClock clock = new EngineClock();
    BpmnCompiler compiler = new BpmnCompiler(new Feel(clock::millis));
    JdbcStore store = new JdbcStore(config.jdbcUrl(), config.username(), config.password());
    try {
      RuntimeState state = store.load(compiler);
      CommandProcessor processor =
          new CommandProcessor(
              new Executor(state, compiler, clock), store, () -> store.load(compiler));
      Scheduler scheduler = new Scheduler(processor);
      Engine engine = new Engine(processor, store, clock, scheduler);
      RestServer server = new RestServer(config.host(), config.port());
      new RestApi(engine).register(server);
      processor.start();
      scheduler.start();
      server.start();
      return new LocalEngine(store, processor, scheduler, server, engine);
    } catch (IOException e) {
      store.close();
      throw new UncheckedIOException("Cannot open the engine's HTTP port: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The base address for {@code CamundaClient}'s {@code restAddress}. */
  public URI restAddress() {
    return server.address();
  }

  public Engine engine() {
    return engine;
  }

  public boolean isRunning() {
    return processor.isRunning();
  }

  @Override
  public void close() {
    server.close();
    scheduler.close();
    processor.close();
    store.close();
  }
}
