package io.cityflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Submitted data against a form-js schema: one row per rule the city's forms use. */
class FormSchemaTest {
  /** A form with one field of each kind and rule, as form-js JSON would parse. */
  private static final FormSchema FORM =
      FormSchema.fromJson(
          Map.of(
              "id",
              "sample",
              "components",
              List.of(
                  Map.of("type", "text", "text", "# Heading"),
                  input(
                      "textfield",
                      "name",
                      Map.of("required", true, "minLength", 2, "maxLength", 5)),
                  input("textfield", "phone", Map.of("pattern", "^1[3-9][0-9]{9}$")),
                  input("number", "minutes", Map.of("required", true, "min", 0, "max", 1440)),
                  input("checkbox", "accepted", Map.of("required", true)),
                  input("checkbox", "injured", Map.of()),
                  withValues(input("select", "district", Map.of("required", true)), "A", "B"),
                  withValues(input("radio", "outcome", Map.of("required", true)), "DONE", "MORE"),
                  withValues(input("taglist", "departments", Map.of()), "WATER", "ROADS"),
                  Map.of(
                      "type",
                      "datetime",
                      "key",
                      "visit",
                      "subtype",
                      "datetime",
                      "validate",
                      Map.of()),
                  Map.of(
                      "type",
                      "group",
                      "components",
                      List.of(
                          hidden(
                              input(
                                  "textarea", "question", Map.of("required", true, "minLength", 3)),
                              "=outcome != \"MORE\"")))),
              "schemaVersion",
              18));

  private static Map<String, Object> input(String type, String key, Map<String, Object> validate) {
    Map<String, Object> c = new HashMap<>();
    c.put("type", type);
    c.put("key", key);
    c.put("validate", validate);
    return c;
  }

  private static Map<String, Object> withValues(Map<String, Object> c, String... values) {
    c.put("values", Stream.of(values).map(v -> Map.of("label", v, "value", v)).toList());
    return c;
  }

  private static Map<String, Object> hidden(Map<String, Object> c, String expression) {
    c.put("conditional", Map.of("hide", expression));
    return c;
  }

  private static Map<String, Object> valid() {
    Map<String, Object> data = new HashMap<>();
    data.put("name", "Li Na");
    data.put("minutes", 30);
    data.put("accepted", true);
    data.put("district", "A");
    data.put("outcome", "DONE");
    return data;
  }

  private static List<String> problems(Map<String, Object> data) {
    return FORM.check(data, Map.of(), FormSchema.prefixed("variables.")).stream()
        .map(p -> p.field() + ": " + p.getMessage())
        .toList();
  }

  @Test
  void validDataHasNoProblems() {
    assertThat(problems(valid())).isEmpty();
  }

  static Stream<Arguments> breaches() {
    return Stream.of(
        Arguments.of("name", null, "variables.name: is required"),
        Arguments.of("name", "  ", "variables.name: is required"),
        Arguments.of("name", "L", "variables.name: must be at least 2 characters"),
        Arguments.of("name", "Li Na Wang", "variables.name: may be at most 5 characters"),
        Arguments.of("name", 42, "variables.name: must be text"),
        Arguments.of("phone", "0951-1234", "variables.phone: does not have the expected format"),
        Arguments.of("minutes", "30", "variables.minutes: must be a number"),
        Arguments.of("minutes", -1, "variables.minutes: must be at least 0"),
        Arguments.of("minutes", 1441.5, "variables.minutes: may be at most 1440"),
        Arguments.of("accepted", false, "variables.accepted: is required"),
        Arguments.of("injured", "no", "variables.injured: must be true or false"),
        Arguments.of("district", "C", "variables.district: must be one of A, B"),
        Arguments.of(
            "district", List.of("A"), "variables.district: must be one of the form's options"),
        Arguments.of("departments", "WATER", "variables.departments: must be a list"),
        Arguments.of(
            "departments",
            List.of("WATER", "FIRE"),
            "variables.departments: must be one of WATER, ROADS"),
        Arguments.of("visit", "tomorrow", "variables.visit: must be an ISO-8601 datetime"),
        Arguments.of("color", "red", "variables.color: is not a field of the form"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("breaches")
  void eachBreachIsNamed(String key, Object value, String problem) {
    Map<String, Object> data = valid();
    data.put(key, value);

    assertThat(problems(data)).containsExactly(problem);
  }

  @Test
  void aFieldShownByItsConditionIsValidatedAndAHiddenOneIsNot() {
    Map<String, Object> more = valid();
    more.put("outcome", "MORE");
    Map<String, Object> done = valid();
    done.put("question", "x");

    assertThat(problems(more)).containsExactly("variables.question: is required");
    assertThat(problems(done)).isEmpty();
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThat(problems(Map.of("minutes", 5000, "district", "Z")))
        .containsExactlyInAnyOrder(
            "variables.name: is required",
            "variables.minutes: may be at most 1440",
            "variables.accepted: is required",
            "variables.district: must be one of A, B",
            "variables.outcome: is required");
  }

  @Test
  void acceptedDatesAndTimesFollowTheSubtype() {
    Map<String, Object> data = valid();
    data.put("visit", "2026-12-01T09:30:00+08:00");

    assertThat(problems(data)).isEmpty();
  }

  @Test
  void conditionsReadTheContextAndCombineWithAndAndOr() {
    FormSchema.Condition condition =
        FormSchema.Condition.parse(
            "=decision != \"DECIDE\" or caseType = \"APPROVAL_APPLICATION\"");

    assertThat(condition.test(Map.of("decision", "DECIDE", "caseType", "HOTLINE_TICKET")))
        .isFalse();
    assertThat(condition.test(Map.of("decision", "EXTEND", "caseType", "HOTLINE_TICKET"))).isTrue();
    assertThat(condition.test(Map.of("decision", "DECIDE", "caseType", "APPROVAL_APPLICATION")))
        .isTrue();
    assertThat(FormSchema.Condition.parse("=count(items) > 2").test(Map.of())).isNull();
  }

  @Test
  void optionsGivenByAnExpressionAreTheValuesItCanProduce() {
    FormSchema form =
        FormSchema.fromJson(
            Map.of(
                "id",
                "escalation",
                "components",
                List.of(
                    Map.of(
                        "type",
                        "radio",
                        "key",
                        "decision",
                        "valuesExpression",
                        "=if x then [{label: \"More time\", value: \"EXTEND\"}] else [{label:"
                            + " \"Myself\", value: \"DECIDE\"}]"))));

    assertThat(form.fields().get(0).options()).containsExactly("EXTEND", "DECIDE");
    assertThat(form.check(Map.of("decision", "NOPE"), Map.of(), k -> k))
        .extracting(CaseRuleViolation::field)
        .containsExactly("decision");
  }
}
