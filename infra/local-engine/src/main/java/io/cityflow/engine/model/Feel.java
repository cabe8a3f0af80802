package io.cityflow.engine.model;

import fastparse.Parsed;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.impl.parser.FeelParser;
import org.camunda.feel.syntaxtree.Exp;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * The FEEL engine, shared by all expressions. Its clock is the engine clock, so {@code now()}
 * follows a clock pinned by tests.
 *
 * <p>Building the evaluator (its built-in functions and value mappers) would be the costliest step
 * of the engine's start, so it is built on a background thread once the engine serves, and the
 * first evaluation waits for it if it is not ready yet. Parsing does not need it: expressions are
 * parsed by FEEL's parser alone, whose classes load on a background thread from the start, so
 * deploying or loading processes is not held up by the evaluator.
 */
public final class Feel {

  private final LongSupplier clockMillis;
  private final CompletableFuture<FeelEngineApi> engine = new CompletableFuture<>();
  private final AtomicBoolean building = new AtomicBoolean();

  public Feel(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
    daemon("engine-feel-parser", () -> FeelParser.parseExpression("a > 1"));
  }

  /**
   * Starts building the evaluator in the background, if that has not begun yet. The engine calls
   * this once it serves requests, so that the build does not compete with its start for the CPU.
   */
  public void warmUp() {
    if (building.compareAndSet(false, true)) {
      daemon(
          "engine-feel-evaluator",
          () -> {
            try {
              engine.complete(
                  FeelEngineBuilder.forJava()
                      .withClock(
                          () ->
                              ZonedDateTime.ofInstant(
                                  Instant.ofEpochMilli(clockMillis.getAsLong()), ZoneOffset.UTC))
                      .build());
            } catch (RuntimeException | Error e) {
              engine.completeExceptionally(e);
            }
          });
    }
  }

  /** Daemon threads, so that a warm-up still running never keeps the JVM alive. */
  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Parses once, at deployment; a syntax error fails the deployment. */
  ParsedExpression parse(String feel, String where) {
    Parsed<Exp> result;
    try {
      result = FeelParser.parseExpression(feel);
    } catch (RuntimeException e) {
      result = null;
    }
    if (result == null || !result.isSuccess()) {
      throw EngineException.invalid(
          "Expected a valid FEEL expression for " + where + ", but '" + feel + "' does not parse");
    }
    return new ParsedExpression(result.get().value(), feel);
  }

  Object evaluate(ParsedExpression expression, String text, Map<String, Object> variables) {
    warmUp();
    EvaluationResult result = engine.join().evaluate(expression, variables);
    if (result.isFailure()) {
      throw new ExpressionException(
          "Failed to evaluate expression '" + text + "': " + result.failure().message());
    }
    return result.result();
  }
}
