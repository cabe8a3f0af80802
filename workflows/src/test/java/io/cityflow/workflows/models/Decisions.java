package io.cityflow.workflows.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedDmn;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;

/** Evaluates the decision of one {@code dmn/<id>.dmn} file with the Scala DMN engine Zeebe uses. */
final class Decisions {
  private static final DmnEngine ENGINE = new DmnEngine.Builder().build();

  private final String decisionId;
  private final ParsedDmn parsed;

  Decisions(String decisionId) {
    this.decisionId = decisionId;
    Either<DmnEngine.Failure, ParsedDmn> result;
    try (InputStream in = Files.newInputStream(file())) {
      result = ENGINE.parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (result.isLeft()) {
      throw new IllegalStateException(
          "cannot parse " + file() + ": " + result.swap().toOption().get());
    }
    this.parsed = result.toOption().get();
  }

  Path file() {
    return Models.DMN.resolve(decisionId + ".dmn");
  }

  /** The decision's output: a single value, or a map of the outputs of a multi-output table. */
  Object evaluate(Map<String, Object> variables) {
    Either<DmnEngine.EvalFailure, DmnEngine.EvalResult> result =
        ENGINE.eval(parsed, decisionId, variables);
    if (result.isLeft()) {
      throw new IllegalStateException(
          decisionId
              + " failed for "
              + variables
              + ": "
              + result.swap().toOption().get().failure());
    }
    return toJava(result.toOption().get().value());
  }

  /** The engine answers in Scala types; tests compare with Java ones. */
  private static Object toJava(Object value) {
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<Object, Object> converted = new LinkedHashMap<>();
      CollectionConverters.asJava(map).forEach((k, v) -> converted.put(toJava(k), toJava(v)));
      return converted;
    }
    if (value instanceof scala.collection.Iterable<?> items) {
      List<Object> converted = new ArrayList<>();
      CollectionConverters.asJava(items).forEach(item -> converted.add(toJava(item)));
      return converted;
    }
    if (value instanceof scala.math.BigDecimal number) {
      return number.bigDecimal();
    }
    return value;
  }
}
