package io.cityflow.workers;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The workers' container entry point (see {@code Dockerfile} in the module and the deployment's
 * {@code WorkersStack}): starts an application context with the case job workers and the outbox
 * dispatcher switched on, and keeps it running until the JVM is asked to stop (SIGTERM when ECS
 * stops the task), then closes it so that the workers and the dispatcher shut down cleanly.
 *
 * <p>Everything else (database, Camunda cluster) comes from the environment, as for the other
 * deployed functions.
 */
public final class WorkersMain {

  /** The switches of the job workers and the outbox dispatcher, both on in the container. */
  static final Map<String, Object> ENABLED =
      Map.of("cityflow.workers.enabled", true, "cityflow.outbox.dispatcher.enabled", true);

  private WorkersMain() {}

  public static void main(String[] args) throws InterruptedException {
    ApplicationContext context =
        ApplicationContext.builder(WorkersMain.class).args(args).properties(ENABLED).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    context.close();
                  } finally {
                    stopped.countDown();
                  }
                },
                "workers-shutdown"));
    stopped.await();
  }
}
