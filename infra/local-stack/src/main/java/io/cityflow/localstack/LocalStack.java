package io.cityflow.localstack;

import io.cityflow.engine.LocalEngine;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The whole platform in one JVM: the case API with its database and, as they join the stack, the
 * local engine, the device functions and the workers.
 *
 * <p>{@link LocalStackMain} runs it for people; tests start it with overrides, for example a random
 * port ({@code micronaut.server.port=-1}) and a database of their own.
 */
public final class LocalStack implements AutoCloseable {

  /** The Micronaut environment whose configuration ({@code application-local.yml}) applies. */
  public static final String ENVIRONMENT = "local";

  private final ApplicationContext context;

  private LocalStack(ApplicationContext context) {
    this.context = context;
  }

  /** Starts every part and returns once the HTTP server accepts requests. */
  public static LocalStack start(Map<String, Object> overrides) {
    ApplicationContext context =
        Micronaut.build(new String[0])
            .mainClass(LocalStack.class)
            .environments(ENVIRONMENT)
            .deduceEnvironment(false)
            .banner(false)
            .properties(overrides)
            .start();
    return new LocalStack(context);
  }

  /** Where the case API and the pages are served. */
  public URI apiUrl() {
    return context.getBean(EmbeddedServer.class).getURI();
  }

  /** Where the embedded engine serves the Camunda REST API, when the stack embeds one. */
  public Optional<URI> engineRestAddress() {
    return context.findBean(LocalEngine.class).map(LocalEngine::restAddress);
  }

  /** A bean of the running stack, for tests that need to reach inside. */
  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public boolean isRunning() {
    return context.isRunning();
  }

  @Override
  public void close() {
    if (context.isRunning()) {
      context.close();
    }
  }
}
