package io.cityflow.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The input fields of a task's form (a Camunda form, reduced to what validation needs), and the
 * check of submitted data against them.
 */
public record TaskForm(String id, List<Field> fields) {

  /**
   * One input.
   *
   * @param type the form-js component type: textfield, textarea, number, select, radio, checkbox
   * @param allowedValues for select and radio: the option values; empty for free input
   */
  public record Field(String key, String type, boolean required, Set<String> allowedValues) {}

  /** The problems with {@code data}, one per field; empty when it is valid. */
  public List<CaseRuleViolation> check(Map<String, Object> data) {
    List<CaseRuleViolation> problems = new ArrayList<>();
    for (Field f : fields) {
      Object value = data.get(f.key());
      String field = "variables." + f.key();
      boolean blank = value == null || (value instanceof String s && s.isBlank());
      if (blank) {
        if (f.required()) {
          problems.add(new CaseRuleViolation(field, "is required by the task's form"));
        }
        continue;
      }
      switch (f.type()) {
        case "number" -> {
          if (!(value instanceof Number)) {
            problems.add(new CaseRuleViolation(field, "must be a number"));
          }
        }
        case "checkbox" -> {
          if (!(value instanceof Boolean)) {
            problems.add(new CaseRuleViolation(field, "must be true or false"));
          }
        }
        case "select", "radio" -> {
          if (!f.allowedValues().isEmpty() && !f.allowedValues().contains(String.valueOf(value))) {
            problems.add(
                new CaseRuleViolation(
                    field, "must be one of " + String.join(", ", f.allowedValues())));
          }
        }
        default -> {
          if (!(value instanceof String)) {
            problems.add(new CaseRuleViolation(field, "must be text"));
          }
        }
      }
    }
    Set<String> known = new java.util.HashSet<>();
    fields.forEach(f -> known.add(f.key()));
    for (String key : data.keySet()) {
      if (!known.contains(key)) {
        problems.add(
            new CaseRuleViolation("variables." + key, "is not a field of the task's form"));
      }
    }
    return problems;
  }
}
