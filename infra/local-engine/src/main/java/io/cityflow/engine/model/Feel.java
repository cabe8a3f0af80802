package io.cityflow.engine.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * The FEEL engine, shared by all expressions. Its clock is the engine clock, so {@code now()}
 * follows a clock pinned by tests.
 */
public final class Feel {

  /** Building the engine loads the Scala runtime; it happens while the database migrates. */
  private final CompletableFuture<FeelEngineApi> engine;

  public Feel(LongSupplier clockMillis) {
    this.engine =
        CompletableFuture.supplyAsync(
            () ->
                FeelEngineBuilder.forJava()
                    .withClock(
                        () ->
                            ZonedDateTime.ofInstant(
                                Instant.ofEpochMilli(clockMillis.getAsLong()), ZoneOffset.UTC))
                    .build());
  }

  private FeelEngineApi api() {
    return engine.join();
  }

  /** Parses once, at deployment; a syntax error fails the deployment. */
  ParsedExpression parse(String feel, String where) {
    ParseResult result = api().parseExpression(feel);
    if (result.isFailure()) {
      throw EngineException.invalid(
          "Expected a valid FEEL expression for " + where + ", but '" + feel + "' does not parse");
    }
    return result.parsedExpression();
  }

  Object evaluate(ParsedExpression expression, String text, Map<String, Object> variables) {
    EvaluationResult result = api().evaluate(expression, variables);
    if (result.isFailure()) {
      throw new ExpressionException(
          "Failed to evaluate expression '" + text + "': " + result.failure().message());
    }
    return result.result();
  }
}
