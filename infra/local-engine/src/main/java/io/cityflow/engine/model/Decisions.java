package io.cityflow.engine.model;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.dmn.Audit;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedDecisionTable;
import org.camunda.dmn.parser.ParsedDmn;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.util.Either;

/**
 * DMN through the Apache-2.0 dmn-scala engine: parses a resource once into its decision
 * requirements graph and evaluates its decisions. The engine is built on first use, so processes
 * that use no DMN never load it.
 */
public final class Decisions {

  /** One decision of a parsed resource. */
  public record DecisionInfo(String id, String name, String type) {}

  /** A parsed DMN resource: its decision requirements graph and the decisions in it. */
  public record Parsed(String id, String name, List<DecisionInfo> decisions, ParsedDmn dmn) {}

  private DmnEngine engine;

  private synchronized DmnEngine engine() {
    if (engine == null) {
      engine = new DmnEngine.Builder().build();
    }
    return engine;
  }

  public Parsed parse(String resourceName, byte[] xml) {
    Either<DmnEngine.Failure, ParsedDmn> result = engine().parse(new ByteArrayInputStream(xml));
    if (result.isLeft()) {
      throw EngineException.invalid(
          "Resource '"
              + resourceName
              + "' is not a valid DMN resource: "
              + result.left().get().message());
    }
    ParsedDmn dmn = result.right().get();
    DmnModelInstance model = dmn.model();
    Definitions definitions = model.getDefinitions();
    List<DecisionInfo> decisions = new ArrayList<>();
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      String type =
          decision.getExpression() instanceof DecisionTable
              ? "DECISION_TABLE"
              : "LITERAL_EXPRESSION";
      decisions.add(
          new DecisionInfo(
              decision.getId(),
              decision.getName() == null ? decision.getId() : decision.getName(),
              type));
    }
    if (decisions.isEmpty()) {
      throw EngineException.invalid("Resource '" + resourceName + "' contains no decision");
    }
    return new Parsed(
        definitions.getId(),
        definitions.getName() == null ? definitions.getId() : definitions.getName(),
        List.copyOf(decisions),
        dmn);
  }

  /** One input of a decision table as evaluated. */
  public record EvaluatedInput(String id, String name, Object value) {}

  /** One output of a matched rule. */
  public record EvaluatedOutput(String id, String name, Object value) {}

  /** A rule that matched, with its 1-based position in the table. */
  public record MatchedRule(String id, int index, List<EvaluatedOutput> outputs) {}

  /** A decision the evaluation went through: the one asked for and those it requires. */
  public record EvaluatedDecision(
      String id,
      String type,
      Object output,
      List<EvaluatedInput> inputs,
      List<MatchedRule> matchedRules) {}

  /** The output of the decision asked for, and every decision evaluated on the way. */
  public record Result(Object output, List<EvaluatedDecision> evaluated) {}

  /** Evaluates one decision; a failure is an {@link ExpressionException} naming the decision. */
  public Result evaluate(Parsed parsed, String decisionId, Map<String, Object> variables) {
    var result = engine().eval(parsed.dmn(), decisionId, new LinkedHashMap<>(variables));
    if (result.isLeft()) {
      throw new ExpressionException(
          "failed to evaluate decision '"
              + decisionId
              + "': "
              + result.left().get().failure().message());
    }
    List<EvaluatedDecision> evaluated = new ArrayList<>();
    result
        .right()
        .get()
        .auditLog()
        .entries()
        .foreach(
            entry -> {
              evaluated.add(evaluated(entry));
              return null;
            });
    return new Result(plain(result.right().get().value()), List.copyOf(evaluated));
  }

  private static EvaluatedDecision evaluated(Audit.AuditLogEntry entry) {
    List<EvaluatedInput> inputs = new ArrayList<>();
    List<MatchedRule> rules = new ArrayList<>();
    Object output;
    if (entry.result() instanceof Audit.DecisionTableEvaluationResult table
        && entry.decisionLogic() instanceof ParsedDecisionTable parsedTable) {
      table
          .inputs()
          .foreach(
              input -> {
                inputs.add(
                    new EvaluatedInput(
                        input.input().id(), input.input().name(), value(input.value())));
                return null;
              });
      List<String> ruleIds = new ArrayList<>();
      parsedTable
          .rules()
          .foreach(
              rule -> {
                ruleIds.add(rule.id());
                return null;
              });
      table
          .matchedRules()
          .foreach(
              matched -> {
                List<EvaluatedOutput> outputs = new ArrayList<>();
                matched
                    .outputs()
                    .foreach(
                        out -> {
                          outputs.add(
                              new EvaluatedOutput(
                                  out.output().id(), out.output().name(), value(out.value())));
                          return null;
                        });
                rules.add(
                    new MatchedRule(
                        matched.rule().id(),
                        ruleIds.indexOf(matched.rule().id()) + 1,
                        List.copyOf(outputs)));
                return null;
              });
      output = value(table.result());
      return new EvaluatedDecision(
          entry.id(), "DECISION_TABLE", output, List.copyOf(inputs), List.copyOf(rules));
    }
    output =
        entry.result() instanceof Audit.SingleEvaluationResult single
            ? value(single.result())
            : null;
    return new EvaluatedDecision(entry.id(), "LITERAL_EXPRESSION", output, List.of(), List.of());
  }

  private static Object value(Val value) {
    return plain(ValueMapper.defaultValueMapper().unpackVal(value));
  }

  /** dmn-scala answers with Scala collections; variables hold plain Java values. */
  private static Object plain(Object value) {
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.foreach(
          entry -> {
            copy.put(String.valueOf(entry._1()), plain(entry._2()));
            return null;
          });
      return copy;
    }
    if (value instanceof scala.collection.Iterable<?> iterable) {
      List<Object> copy = new ArrayList<>();
      iterable.foreach(
          item -> {
            copy.add(plain(item));
            return null;
          });
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(plain(v)));
      return copy;
    }
    if (value instanceof scala.math.BigDecimal decimal) {
      return number(decimal.bigDecimal());
    }
    if (value instanceof java.math.BigDecimal decimal) {
      return number(decimal);
    }
    return value;
  }

  private static Object number(java.math.BigDecimal decimal) {
    try {
      return decimal.longValueExact();
    } catch (ArithmeticException e) {
      return decimal.doubleValue();
    }
  }
}
