package io.cityflow.engine;

import io.camunda.zeebe.model.bpmn.Bpmn;
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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The local engine: its tables, its command loop, its scheduler and its {@code /v2} HTTP server,
 * started together and stopped together.
 */
public final class LocalEngine implements AutoCloseable {

  private static final byte[] WARM_UP_MODEL =
      ("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"definitions\""
              + " targetNamespace=\"urn:warm-up\"><process id=\"warm-up\" isExecutable=\"true\">"
              + "<startEvent id=\"start\"/></process></definitions>")
          .getBytes(StandardCharsets.UTF_8);

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
    warmUpBpmnModel();
    EngineClock clock = new EngineClock();
    Feel feel = new Feel(clock::millis);
    BpmnCompiler compiler = new BpmnCompiler(feel);
    JdbcStore store = new JdbcStore(config.jdbcUrl(), config.username(), config.password());
    try {
      Supplier<RuntimeState> load =
          () -> {
            RuntimeState loaded = store.load(compiler);
            loaded.useClock(clock::millis);
            return loaded;
          };
      CommandProcessor processor =
          new CommandProcessor(new Executor(load.get(), compiler, clock), store, load);
      Scheduler scheduler = new Scheduler(processor);
      Engine engine = new Engine(processor, store, clock, scheduler);
      RestServer server = new RestServer(config.host(), config.port());
      new RestApi(engine).register(server);
      processor.start();
      scheduler.start();
      server.start();
      feel.warmUp();
      return new LocalEngine(store, processor, scheduler, server, engine);
    } catch (IOException e) {
      store.close();
      throw new UncheckedIOException("Cannot open the engine's HTTP port: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * The BPMN model's type registry, its XML schemas and the XML parser take a few hundred
   * milliseconds to load, once per JVM. Reading a minimal model on its own thread has them loaded
   * by the time the database is open and the stored processes are compiled.
   */
  private static void warmUpBpmnModel() {
    Thread thread =
        new Thread(
            () -> Bpmn.readModelFromStream(new ByteArrayInputStream(WARM_UP_MODEL)),
            "engine-bpmn-warm-up");
    thread.setDaemon(true);
    thread.start();
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
