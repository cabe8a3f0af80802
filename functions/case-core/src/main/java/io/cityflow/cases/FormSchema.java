package io.cityflow.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Camunda form (form-js schema) reduced to what checking submitted data needs: its input fields
 * with their types and the {@code validate} rules the city's forms use (required, minLength,
 * maxLength, pattern, min, max), their options, and the simple "hide when" conditions that switch
 * fields off. Data is checked the way form-js checks it in the browser, so a request that bypasses
 * the browser is held to the same rules.
 */
public record FormSchema(String id, List<Field> fields) {
  private static final Set<String> INPUTS =
      Set.of(
          "textfield",
          "textarea",
          "number",
          "checkbox",
          "checklist",
          "radio",
          "select",
          "taglist",
          "datetime",
          "filepicker");
  private static final Pattern OPTION_VALUE = Pattern.compile("value\\s*:\\s*\"([^\"]*)\"");

  public FormSchema {
    fields = List.copyOf(fields);
  }

  /**
   * One input of the form.
   *
   * @param type the form-js component type (textfield, number, select, datetime, ...)
   * @param subtype for datetime: date, time or datetime
   * @param options for select, radio, checklist and taglist: the allowed values (for options given
   *     by an expression, every value the expression can produce); empty for free input
   * @param hideIf the field's hide condition, {@code null} when it is always shown
   */
  public record Field(
      String key,
      String type,
      String subtype,
      boolean required,
      Integer minLength,
      Integer maxLength,
      Pattern pattern,
      BigDecimal min,
      BigDecimal max,
      Set<String> options,
      Condition hideIf) {}

  /**
   * Reads a form from its parsed JSON (maps, lists, strings, numbers, booleans), including the
   * fields inside groups.
   */
  public static FormSchema fromJson(Map<String, ?> root) {
    List<Field> fields = new ArrayList<>();
    collect(root, fields);
    return new FormSchema(String.valueOf(root.get("id")), fields);
  }

  /** The keys of the form's fields. */
  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    fields.forEach(f -> keys.add(f.key()));
    return keys;
  }

  /**
   * The problems with {@code data}, one per field; empty when it is valid.
   *
   * @param context further variables the hide conditions may read (the data wins over them)
   * @param fieldName how a form key is named in the problem (the request's path to it)
   */
  public List<CaseRuleViolation> check(
      Map<String, ?> data, Map<String, ?> context, UnaryOperator<String> fieldName) {
    Map<String, Object> scope = new HashMap<>(context);
    scope.putAll(data);
    List<CaseRuleViolation> problems = new ArrayList<>();
    for (Field f : fields) {
      if (f.type().equals("filepicker")) {
        continue; // files arrive as attachments, not as data
      }
      Boolean hidden = f.hideIf() == null ? Boolean.FALSE : f.hideIf().test(scope);
      if (Boolean.TRUE.equals(hidden)) {
        continue; // form-js neither validates nor submits a hidden field
      }
      String problem = problem(f, data.get(f.key()), hidden != null);
      if (problem != null) {
        problems.add(new CaseRuleViolation(fieldName.apply(f.key()), problem));
      }
    }
    Set<String> known = keys();
    for (String key : data.keySet()) {
      if (!known.contains(key)) {
        problems.add(new CaseRuleViolation(fieldName.apply(key), "is not a field of the form"));
      }
    }
    return problems;
  }

  /**
   * @param enforceRequired false when the hide condition could not be evaluated: then the field may
   *     legitimately be absent, but a value that is there must still be right
   */
  private static String problem(Field f, Object value, boolean enforceRequired) {
    if (missing(f, value)) {
      return f.required() && enforceRequired ? "is required" : null;
    }
    return switch (f.type()) {
      case "number" -> number(f, value);
      case "checkbox" -> value instanceof Boolean ? null : "must be true or false";
      case "select", "radio" -> option(f, value);
      case "checklist", "taglist" -> {
        if (!(value instanceof Collection<?> values)) {
          yield "must be a list";
        }
        for (Object v : values) {
          String problem = option(f, v);
          if (problem != null) {
            yield problem;
          }
        }
        yield null;
      }
      case "datetime" -> dateTime(f, value);
      default -> text(f, value);
    };
  }

  private static boolean missing(Field f, Object value) {
    return value == null
        || (value instanceof String s && s.isBlank())
        || (value instanceof Collection<?> c && c.isEmpty())
        // A required checkbox (a declaration) must be ticked, as in form-js.
        || (f.type().equals("checkbox") && Boolean.FALSE.equals(value));
  }

  private static String text(Field f, Object value) {
    if (!(value instanceof String s)) {
      return "must be text";
    }
    int length = s.codePointCount(0, s.length());
    if (f.minLength() != null && length < f.minLength()) {
      return "must be at least " + f.minLength() + " characters";
    }
    if (f.maxLength() != null && length > f.maxLength()) {
      return "may be at most " + f.maxLength() + " characters";
    }
    if (f.pattern() != null && !f.pattern().matcher(s).matches()) {
      return "does not have the expected format";
    }
    return null;
  }

  private static String number(Field f, Object value) {
    BigDecimal n;
    if (value instanceof Number number) {
      n = new BigDecimal(number.toString());
    } else {
      return "must be a number";
    }
    if (f.min() != null && n.compareTo(f.min()) < 0) {
      return "must be at least " + f.min().toPlainString();
    }
    if (f.max() != null && n.compareTo(f.max()) > 0) {
      return "may be at most " + f.max().toPlainString();
    }
    return null;
  }

  private static String option(Field f, Object value) {
    if (value instanceof Map || value instanceof Collection) {
      return "must be one of the form's options";
    }
    if (!f.options().isEmpty() && !f.options().contains(String.valueOf(value))) {
      return "must be one of " + String.join(", ", f.options());
    }
    return null;
  }

  private static String dateTime(Field f, Object value) {
    if (!(value instanceof String s)) {
      return "must be a date or time as text";
    }
    try {
      switch (f.subtype() == null ? "date" : f.subtype()) {
        case "time" -> {
          if (s.length() > 8) {
            OffsetTime.parse(s);
          } else {
            LocalTime.parse(s);
          }
        }
        case "datetime" -> {
          try {
            OffsetDateTime.parse(s);
          } catch (DateTimeParseException noOffset) {
            LocalDateTime.parse(s);
          }
        }
        default -> LocalDate.parse(s);
      }
      return null;
    } catch (DateTimeParseException e) {
      return "must be an ISO-8601 " + (f.subtype() == null ? "date" : f.subtype());
    }
  }

  @SuppressWarnings("unchecked")
  private static void collect(Map<String, ?> node, List<Field> fields) {
    if (!(node.get("components") instanceof List<?> components)) {
      return;
    }
    for (Object o : components) {
      if (!(o instanceof Map<?, ?> raw)) {
        continue;
      }
      Map<String, Object> c = (Map<String, Object>) raw;
      String type = String.valueOf(c.get("type"));
      if (INPUTS.contains(type) && c.get("key") != null) {
        fields.add(field(c, type));
      }
      collect(c, fields);
    }
  }

  private static Field field(Map<String, Object> c, String type) {
    Map<?, ?> validate = c.get("validate") instanceof Map<?, ?> v ? v : Map.of();
    Set<String> options = new LinkedHashSet<>();
    if (c.get("values") instanceof List<?> values) {
      for (Object option : values) {
        if (option instanceof Map<?, ?> m && m.get("value") != null) {
          options.add(String.valueOf(m.get("value")));
        }
      }
    } else if (c.get("valuesExpression") instanceof String expression) {
      Matcher m = OPTION_VALUE.matcher(expression);
      while (m.find()) {
        options.add(m.group(1));
      }
    }
    Object hide = c.get("conditional") instanceof Map<?, ?> cond ? cond.get("hide") : null;
    return new Field(
        String.valueOf(c.get("key")),
        type,
        c.get("subtype") == null ? null : String.valueOf(c.get("subtype")),
        Boolean.TRUE.equals(validate.get("required")),
        integer(validate.get("minLength")),
        integer(validate.get("maxLength")),
        pattern(validate.get("pattern")),
        decimal(validate.get("min")),
        decimal(validate.get("max")),
        options,
        hide instanceof String expression ? Condition.parse(expression) : null);
  }

  private static Integer integer(Object o) {
    return o instanceof Number n ? n.intValue() : null;
  }

  private static BigDecimal decimal(Object o) {
    return o instanceof Number n ? new BigDecimal(n.toString()) : null;
  }

  private static Pattern pattern(Object o) {
    if (!(o instanceof String regex) || regex.isEmpty()) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "the form's pattern is not a regular expression: " + regex);
    }
  }

  /**
   * A form-js "hide" condition in the small part of FEEL the forms use: comparisons of a variable
   * with a string, number or boolean ({@code =}, {@code !=}), joined by {@code and} / {@code or}
   * ({@code and} binds tighter). Anything else cannot be evaluated here; such a field is then
   * treated as possibly hidden (see {@link #test}).
   */
  public static final class Condition {
    private static final Pattern COMPARISON =
        Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(!=|=)\\s*(\"[^\"]*\"|-?[0-9]+(?:\\.[0-9]+)?|true|false|null)\\s*");
    private final String expression;
    private final List<List<Comparison>> anyOfAll;

    private Condition(String expression, List<List<Comparison>> anyOfAll) {
      this.expression = expression;
      this.anyOfAll = anyOfAll;
    }

    static Condition parse(String expression) {
      String body = expression.strip();
      body = body.startsWith("=") ? body.substring(1) : body;
      List<List<Comparison>> disjuncts = new ArrayList<>();
      for (String disjunct : body.split("\\s+or\\s+")) {
        List<Comparison> conjuncts = new ArrayList<>();
        for (String part : disjunct.split("\\s+and\\s+")) {
          Matcher m = COMPARISON.matcher(part);
          if (!m.matches()) {
            return new Condition(expression, null);
          }
          conjuncts.add(new Comparison(m.group(1), m.group(2).equals("="), literal(m.group(3))));
        }
        disjuncts.add(conjuncts);
      }
      return new Condition(expression, disjuncts);
    }

    /** True when the field is hidden, false when shown, null when this condition is unknown. */
    public Boolean test(Map<String, ?> scope) {
      if (anyOfAll == null) {
        return null;
      }
      for (List<Comparison> all : anyOfAll) {
        if (all.stream().allMatch(c -> c.test(scope))) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return expression;
    }

    private static Object literal(String text) {
      if (text.startsWith("\"")) {
        return text.substring(1, text.length() - 1);
      }
      return switch (text) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        case "null" -> null;
        default -> new BigDecimal(text);
      };
    }

    private record Comparison(String variable, boolean equal, Object literal) {
      boolean test(Map<String, ?> scope) {
        return equal == same(scope.get(variable), literal);
      }

      private static boolean same(Object value, Object literal) {
        if (value == null || literal == null) {
          return value == literal;
        }
        if (literal instanceof BigDecimal n && value instanceof Number v) {
          return n.compareTo(new BigDecimal(v.toString())) == 0;
        }
        return literal.equals(value);
      }
    }
  }

  /** Names every form key as itself, or under a prefix ({@code variables.replyText}). */
  public static UnaryOperator<String> prefixed(String prefix) {
    return key -> prefix + key;
  }
}
