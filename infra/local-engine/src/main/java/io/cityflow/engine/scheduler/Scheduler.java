package io.cityflow.engine.scheduler;

import io.cityflow.engine.processor.CommandProcessor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks for due work (timers, lapsed job locks, job back-offs, expired messages) by sending the
 * command loop a tick. It never touches state itself: the loop decides what is due against the
 * engine clock.
 */
public final class Scheduler implements AutoCloseable {

  private static final long PERIOD_MILLIS = 50;

  private final CommandProcessor processor;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "engine-scheduler");
            thread.setDaemon(true);
            return thread;
          });

  public Scheduler(CommandProcessor processor) {
    this.processor = processor;
  }

  public void start() {
    timer.scheduleWithFixedDelay(this::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Checks for due work now, e.g. right after the clock moved. */
  public void tick() {
    processor.submit(
        executor -> {
          executor.processDue();
          return null;
        });
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
