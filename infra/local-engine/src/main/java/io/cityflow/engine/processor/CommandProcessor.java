package io.cityflow.engine.processor;

import io.cityflow.engine.model.EngineException;
import io.cityflow.engine.runtime.ActivatedJob;
import io.cityflow.engine.runtime.Executor;
import io.cityflow.engine.runtime.RuntimeState;
import io.cityflow.engine.state.JdbcStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer. Commands queue up; one thread takes all that are waiting, applies them one by
 * one to the in-memory state, writes the batch's changes in one transaction (group commit), and
 * only then answers the callers. Long-polling job activations and awaited instances wait here too,
 * because serving them changes state.
 */
public final class CommandProcessor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);
  private static final int MAX_BATCH = 2000;

  /** A job activation request that found no job and now waits for one. */
  public record JobRequest(
      String type, String worker, long timeout, int max, List<String> fetchVariables) {}

  private record Pending(Function<Executor, Object> command, CompletableFuture<Object> future) {}

  private record Answer(CompletableFuture<Object> future, Object value, Throwable error) {}

  private record Waiter(JobRequest request, long deadlineNanos, CompletableFuture<Object> future) {}

  private record Awaiter(long deadlineNanos, CompletableFuture<Object> future) {}

  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Executor executor;
  private final JdbcStore store;
  private final Supplier<RuntimeState> reload;
  private boolean batchBroken;
  private final Map<String, ArrayDeque<Waiter>> jobWaiters = new HashMap<>();
  private final Map<Long, Awaiter> awaiters = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param reload loads the committed state again; used when a batch cannot be committed, so that
   *     memory never holds changes the database does not
   */
  public CommandProcessor(Executor executor, JdbcStore store, Supplier<RuntimeState> reload) {
    this.executor = executor;
    this.store = store;
    this.reload = reload;
    this.thread = new Thread(this::loop, "engine-processor");
  }

  public void start() {
    thread.start();
  }

  /** Queues a command; the future completes once its batch is committed. */
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> submit(Function<Executor, T> command) {
    CompletableFuture<Object> future = new CompletableFuture<>();
    if (!running) {
      future.completeExceptionally(
          new EngineException(EngineException.Kind.UNAVAILABLE, "The engine is shut down"));
    } else {
      queue.add(new Pending((Function<Executor, Object>) command, future));
    }
    return (CompletableFuture<T>) future;
  }

  /**
   * How long an empty long poll may wait, given the {@code requestTimeout} the client sent. The
   * Camunda client stops listening about one second after its request timeout, and on a loaded
   * machine the empty answer can be late; so the engine answers with a margin of a tenth of the
   * timeout, and at least one second. A timeout of one second or less is not worth holding: such a
   * request is answered at once.
   */
  public static long longPollMillis(long requestTimeoutMillis) {
    long tenth = requestTimeoutMillis / 10 + (requestTimeoutMillis % 10 == 0 ? 0 : 1);
    long margin = Math.max(tenth, 1_000);
    return Math.max(requestTimeoutMillis - margin, 0);
  }

  /**
   * Activates jobs, or waits until {@code deadlineNanos} ({@link System#nanoTime()}) for jobs of
   * the type to appear. The wait is per job type: the loop serves waiting requests when it creates
   * such jobs. A deadline that has already passed means no waiting.
   */
  @SuppressWarnings("unchecked")
  public CompletableFuture<List<ActivatedJob>> activateJobs(
      JobRequest request, long deadlineNanos) {
    CompletableFuture<?> activation =
        submit(
            (Function<Executor, Object>)
                executor -> {
                  List<ActivatedJob> jobs = activate(executor, request);
                  if (!jobs.isEmpty() || deadlineNanos - System.nanoTime() <= 0) {
                    return jobs;
                  }
                  return new Deferred(
                      future ->
                          jobWaiters
                              .computeIfAbsent(request.type(), t -> new ArrayDeque<>())
                              .add(new Waiter(request, deadlineNanos, future)));
                });
    return (CompletableFuture<List<ActivatedJob>>) activation;
  }

  /**
   * Runs a command that starts an instance and answers only when the instance ends (or the timeout
   * passes). The command returns the instance key.
   */
  public CompletableFuture<Object> awaitCompletion(
      Function<Executor, Long> start, long timeoutMillis) {
    return submit(
        (Function<Executor, Object>)
            executor -> {
              executor.watchNextInstance();
              long key = start.apply(executor);
              if (executor.hasFinished(key)) {
                return executor.finishedVariables(key);
              }
              return new Deferred(
                  future ->
                      awaiters.put(
                          key,
                          new Awaiter(
                              System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis),
                              future)));
            });
  }

  /** Marks a command result whose answer comes later; the loop registers the future. */
  public record Deferred(java.util.function.Consumer<CompletableFuture<Object>> register) {}

  private static List<ActivatedJob> activate(Executor executor, JobRequest request) {
    return executor.activateJobs(
        request.type(),
        request.worker(),
        request.timeout(),
        request.max(),
        request.fetchVariables());
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>();
    List<Answer> answers = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        for (Pending pending : batch) {
          apply(pending, answers);
        }
        serveJobWaiters(answers);
        serveAwaiters(answers);
        commit(answers);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        dropBatch(answers, e);
      } finally {
        batch.clear();
        answers.clear();
      }
    }
    EngineException shutDown =
        new EngineException(EngineException.Kind.UNAVAILABLE, "The engine is shut down");
    queue.forEach(pending -> pending.future().completeExceptionally(shutDown));
    jobWaiters.values().forEach(w -> w.forEach(waiter -> waiter.future().complete(List.of())));
    awaiters.values().forEach(awaiter -> awaiter.future().completeExceptionally(shutDown));
  }

  private void apply(Pending pending, List<Answer> answers) {
    try {
      Object result = pending.command().apply(executor);
      if (result instanceof Deferred deferred) {
        deferred.register().accept(pending.future());
      } else {
        answers.add(new Answer(pending.future(), result, null));
      }
    } catch (EngineException e) {
      answers.add(new Answer(pending.future(), null, e));
    } catch (RuntimeException e) {
      // The command may have changed part of the state before it failed; the whole batch is
      // dropped and the committed state reloaded (see commit).
      LOG.error("Command failed unexpectedly", e);
      batchBroken = true;
      answers.add(new Answer(pending.future(), null, e));
    }
  }

  private void serveJobWaiters(List<Answer> answers) {
    // Expired waiters go first: a request past its deadline may have been given up by its client,
    // and jobs handed to it would stay locked with nobody working on them.
    long now = System.nanoTime();
    for (ArrayDeque<Waiter> waiters : jobWaiters.values()) {
      Iterator<Waiter> iterator = waiters.iterator();
      while (iterator.hasNext()) {
        Waiter waiter = iterator.next();
        if (waiter.deadlineNanos() - now <= 0 || waiter.future().isDone()) {
          iterator.remove();
          answers.add(new Answer(waiter.future(), List.of(), null));
        }
      }
    }
    for (String type : executor.drainTypesWithNewJobs()) {
      ArrayDeque<Waiter> waiters = jobWaiters.get(type);
      while (waiters != null && !waiters.isEmpty() && executor.hasActivatableJobs(type)) {
        Waiter waiter = waiters.poll();
        answers.add(new Answer(waiter.future(), activate(executor, waiter.request()), null));
      }
    }
  }

  private void serveAwaiters(List<Answer> answers) {
    Map<Long, Map<String, Object>> finished = executor.drainFinishedInstances();
    for (Map.Entry<Long, Map<String, Object>> entry : finished.entrySet()) {
      Awaiter awaiter = awaiters.remove(entry.getKey());
      if (awaiter != null) {
        answers.add(
            new Answer(
                awaiter.future(), entry.getValue() == null ? Map.of() : entry.getValue(), null));
      }
    }
    long now = System.nanoTime();
    Iterator<Awaiter> iterator = awaiters.values().iterator();
    while (iterator.hasNext()) {
      Awaiter awaiter = iterator.next();
      if (awaiter.deadlineNanos() <= now) {
        iterator.remove();
        answers.add(
            new Answer(
                awaiter.future(),
                null,
                new EngineException(
                    EngineException.Kind.TIMEOUT,
                    "Expected the process instance to complete within the request timeout, but it did not")));
      }
    }
  }

  private void commit(List<Answer> answers) {
    var changes = executor.state().changes();
    Exception failure = null;
    if (batchBroken) {
      failure = new IllegalStateException("A command of the batch failed unexpectedly");
    } else if (!changes.isEmpty()) {
      try {
        store.write(changes);
        changes.committed();
      } catch (Exception e) {
        failure = e;
      }
    }
    if (failure != null) {
      dropBatch(answers, failure);
      return;
    }
    for (Answer answer : answers) {
      if (answer.error() != null) {
        answer.future().completeExceptionally(answer.error());
      } else {
        answer.future().complete(answer.value());
      }
    }
  }

  /** Nothing of a failed batch is acknowledged, and memory goes back to what was committed. */
  private void dropBatch(List<Answer> answers, Exception failure) {
    LOG.error("Batch not committed; reloading the committed state", failure);
    batchBroken = false;
    for (Answer answer : answers) {
      answer
          .future()
          .completeExceptionally(
              new EngineException(
                  EngineException.Kind.UNAVAILABLE,
                  "The engine could not commit this command: " + failure.getMessage()));
    }
    try {
      executor.reset(reload.get());
    } catch (RuntimeException e) {
      LOG.error("Reloading the state failed; the engine stops", e);
      running = false;
    }
  }

  public boolean isRunning() {
    return running && thread.isAlive();
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
