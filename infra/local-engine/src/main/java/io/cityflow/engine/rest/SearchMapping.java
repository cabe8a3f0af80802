package io.cityflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cityflow.engine.model.EngineException;
import io.cityflow.engine.runtime.Json;
import io.cityflow.engine.state.Criterion;
import io.cityflow.engine.state.Criterion.Op;
import io.cityflow.engine.state.SearchQuery;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a search request body ({@code filter}, {@code sort}, {@code page}) into a query on one
 * table. Each resource names the filter fields it knows; empty arrays, which the client always
 * sends, mean "no condition".
 */
final class SearchMapping {

  /** How a filter field's values are read. */
  enum Type {
    STRING,
    KEY,
    INT,
    BOOL,
    DATE,
    LIST,
    /** A boolean filter meaning "the column holds a value" (true) or "it is null" (false). */
    PRESENT
  }

  /** A filter or sort field and its column. */
  record Field(String column, Type type) {}

  private final String resource;
  private final Map<String, Field> filters;
  private final Map<String, String> sorts;
  private final Map<String, String> specials;
  private final Map<String, String> variableFilters = new java.util.HashMap<>();

  /**
   * Filters on a related table: the field, and the {@code exists} its group of conditions opens.
   */
  private record Related(Field field, String existsSql) {}

  private final Map<String, Related> relatedFilters = new java.util.HashMap<>();

  SearchMapping(
      String resource,
      Map<String, Field> filters,
      Map<String, String> sorts,
      Map<String, String> specials) {
    this.resource = resource;
    this.filters = filters;
    this.sorts = sorts;
    this.specials = specials;
  }

  /**
   * A copy that also takes the filter {@code field} as a list of {@code {name, value}} variable
   * conditions. {@code existsSql} opens an {@code exists (select ... from eng_variable v ...} that
   * ties the variable to the searched row and ends with {@code v.name = ?}, unclosed: each
   * condition adds its test of {@code v.value_json}, the variable's JSON text (which is how the
   * client sends values), and closes it.
   */
  SearchMapping withVariableFilter(String field, String existsSql) {
    SearchMapping copy = new SearchMapping(resource, filters, sorts, specials);
    copy.variableFilters.putAll(variableFilters);
    copy.variableFilters.put(field, existsSql);
    copy.relatedFilters.putAll(relatedFilters);
    return copy;
  }

  /**
   * A copy that also takes the filter {@code field} as a condition on a related row: {@code
   * existsSql} opens {@code exists (select 1 from <table> r where <link to the searched row>},
   * unclosed, and {@code field}'s column names the related row's column. Filters with the same
   * {@code existsSql} must hold for one and the same related row.
   */
  SearchMapping withRelatedFilter(String field, Field column, String existsSql) {
    SearchMapping copy = new SearchMapping(resource, filters, sorts, specials);
    copy.variableFilters.putAll(variableFilters);
    copy.relatedFilters.putAll(relatedFilters);
    copy.relatedFilters.put(field, new Related(column, existsSql));
    return copy;
  }

  SearchQuery toQuery(JsonNode body) {
    List<Criterion> criteria = criteriaOf(body.path("filter"), true);
    List<SearchQuery.SortOrder> order = new ArrayList<>();
    for (JsonNode sort : body.path("sort")) {
      String field = sort.path("field").asText();
      String column = sorts.get(field);
      if (column == null) {
        throw EngineException.invalid("The " + resource + " search cannot sort by '" + field + "'");
      }
      order.add(
          new SearchQuery.SortOrder(column, "DESC".equalsIgnoreCase(sort.path("order").asText())));
    }
    JsonNode page = body.path("page");
    int from = page.path("from").asInt(0);
    int limit = page.path("limit").asInt(100);
    if (from < 0 || limit < 1 || limit > 10_000) {
      throw EngineException.invalid(
          "Expected page.from >= 0 and 1 <= page.limit <= 10000, but got from "
              + from
              + " and limit "
              + limit);
    }
    if (page.hasNonNull("after")) {
      from = offset(page.get("after"), "after");
    } else if (page.hasNonNull("before")) {
      int before = offset(page.get("before"), "before");
      from = Math.max(0, before - limit);
      limit = Math.max(1, Math.min(limit, before));
    }
    return new SearchQuery(criteria, order, from, limit);
  }

  /**
   * Adds the cursors of a page, which the client sends back as {@code page.after} (the next page)
   * or {@code page.before} (the previous one). A cursor is the position of a row in the ordered
   * result, made opaque; an empty page has none.
   */
  static void addCursors(ObjectNode page, SearchQuery query, int items) {
    if (items > 0) {
      page.put("startCursor", cursor(query.from()));
      page.put("endCursor", cursor(query.from() + items));
    }
  }

  private static String cursor(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("row:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(JsonNode cursor, String field) {
    try {
      String decoded =
          new String(Base64.getUrlDecoder().decode(cursor.asText()), StandardCharsets.UTF_8);
      if (decoded.startsWith("row:")) {
        int offset = Integer.parseInt(decoded.substring(4));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // Not one of ours; answered below.
    }
    throw EngineException.invalid(
        "Expected page."
            + field
            + " to be a cursor from an earlier search response, but got '"
            + cursor.asText()
            + "'");
  }

  private List<Criterion> criteriaOf(JsonNode filter, boolean topLevel) {
    List<Criterion> criteria = new ArrayList<>();
    Map<String, List<Object>> related = new java.util.LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      if (value.isNull() || (value.isArray() && value.isEmpty()) || "tenantId".equals(name)) {
        continue;
      }
      if (topLevel && "$or".equals(name) && value.isArray()) {
        List<Object> groups = new ArrayList<>();
        value.forEach(group -> groups.add(criteriaOf(group, false)));
        criteria.add(new Criterion("", Op.ANY_OF, groups));
        continue;
      }
      if (variableFilters.containsKey(name)) {
        addVariableConditions(criteria, name, value);
        continue;
      }
      if (relatedFilters.containsKey(name)) {
        Related relation = relatedFilters.get(name);
        List<Criterion> conditions = new ArrayList<>();
        addConditions(conditions, name, relation.field(), value);
        related.computeIfAbsent(relation.existsSql(), k -> new ArrayList<>()).addAll(conditions);
        continue;
      }
      if (specials.containsKey(name)) {
        if (value.isBoolean() && value.asBoolean()) {
          criteria.add(new Criterion(specials.get(name), Op.SQL, List.of()));
        }
        continue;
      }
      Field field = filters.get(name);
      if (field == null) {
        throw EngineException.invalid(
            "The " + resource + " search does not support the filter '" + name + "'");
      }
      addConditions(criteria, name, field, value);
    }
    related.forEach(
        (existsSql, conditions) -> {
          if (!conditions.isEmpty()) {
            criteria.add(new Criterion(existsSql, Op.EXISTS_WHERE, conditions));
          }
        });
    return criteria;
  }

  private void addVariableConditions(List<Criterion> criteria, String field, JsonNode value) {
    if (!value.isArray()) {
      throw EngineException.invalid(
          "Expected the filter '" + field + "' to be a list of {name, value} conditions");
    }
    String exists = variableFilters.get(field);
    for (JsonNode condition : value) {
      String name = condition.path("name").asText("");
      if (name.isBlank()) {
        throw EngineException.invalid(
            "Expected every condition of the filter '" + field + "' to name a variable");
      }
      JsonNode operand = condition.path("value");
      if (operand.isMissingNode() || operand.isNull()) {
        criteria.add(new Criterion(exists + ")", Op.SQL_WITH_VALUES, List.of(name)));
      } else if (!operand.isObject()) {
        criteria.add(valueIn(exists, name, List.of(operand), false));
      } else {
        addVariableOperators(criteria, field, exists, name, operand);
      }
    }
  }

  private static void addVariableOperators(
      List<Criterion> criteria, String field, String exists, String name, JsonNode operand) {
    for (Iterator<Map.Entry<String, JsonNode>> it = operand.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> operator = it.next();
      JsonNode argument = operator.getValue();
      if (argument.isNull() || (argument.isArray() && argument.isEmpty())) {
        continue;
      }
      switch (operator.getKey()) {
        case "$eq" -> criteria.add(valueIn(exists, name, List.of(argument), false));
        case "$neq" -> criteria.add(valueIn(exists, name, List.of(argument), true));
        case "$in", "$notIn" -> {
          List<JsonNode> values = new ArrayList<>();
          argument.forEach(values::add);
          criteria.add(valueIn(exists, name, values, operator.getKey().equals("$notIn")));
        }
        case "$like" ->
            criteria.add(
                new Criterion(
                    exists + " and (v.value_json like ? or v.value_json like ?))",
                    Op.SQL_WITH_VALUES,
                    List.of(name, like(argument.asText()), like(Json.write(argument.asText())))));
        case "$exists" ->
            criteria.add(
                new Criterion(
                    (argument.asBoolean() ? "" : "not ") + exists + ")",
                    Op.SQL_WITH_VALUES,
                    List.of(name)));
        default ->
            throw EngineException.invalid(
                "The filter '"
                    + field
                    + "' does not support the operator '"
                    + operator.getKey()
                    + "'");
      }
    }
  }

  /**
   * The variable has (or, negated, exists without) one of the values. The client sends a value as
   * its JSON text ({@code 3}, {@code true}) or, for a string, as the bare text ({@code north}), so
   * each value matches the stored JSON both as it is and as a JSON string.
   */
  private static Criterion valueIn(
      String exists, String name, List<JsonNode> values, boolean negated) {
    List<Object> parameters = new ArrayList<>(List.of(name));
    for (JsonNode value : values) {
      parameters.add(value.asText());
      parameters.add(Json.write(value.asText()));
    }
    String marks = String.join(", ", Collections.nCopies(parameters.size() - 1, "?"));
    return new Criterion(
        exists + " and v.value_json " + (negated ? "not in (" : "in (") + marks + "))",
        Op.SQL_WITH_VALUES,
        parameters);
  }

  private static String like(String pattern) {
    return pattern.replace('*', '%').replace('?', '_');
  }

  private void addConditions(List<Criterion> criteria, String name, Field field, JsonNode value) {
    if (field.type() == Type.PRESENT) {
      JsonNode flag = value.isObject() ? value.path("$eq") : value;
      if (!flag.isBoolean()) {
        throw EngineException.invalid("Expected the filter '" + name + "' to be true or false");
      }
      criteria.add(
          new Criterion(field.column(), flag.asBoolean() ? Op.EXISTS : Op.NOT_EXISTS, List.of()));
      return;
    }
    Op equals = field.type() == Type.LIST ? Op.LIST_CONTAINS : Op.EQ;
    if (!value.isObject()) {
      criteria.add(new Criterion(field.column(), equals, List.of(convert(name, field, value))));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> operator = it.next();
      JsonNode operand = operator.getValue();
      if (operand.isNull() || (operand.isArray() && operand.isEmpty())) {
        continue;
      }
      switch (operator.getKey()) {
        case "$eq" ->
            criteria.add(
                new Criterion(field.column(), equals, List.of(convert(name, field, operand))));
        case "$neq" ->
            criteria.add(
                new Criterion(field.column(), Op.NEQ, List.of(convert(name, field, operand))));
        case "$gt" ->
            criteria.add(
                new Criterion(field.column(), Op.GT, List.of(convert(name, field, operand))));
        case "$gte" ->
            criteria.add(
                new Criterion(field.column(), Op.GTE, List.of(convert(name, field, operand))));
        case "$lt" ->
            criteria.add(
                new Criterion(field.column(), Op.LT, List.of(convert(name, field, operand))));
        case "$lte" ->
            criteria.add(
                new Criterion(field.column(), Op.LTE, List.of(convert(name, field, operand))));
        case "$like" ->
            criteria.add(
                new Criterion(
                    field.column(),
                    Op.LIKE,
                    List.of(operand.asText().replace('*', '%').replace('?', '_'))));
        case "$exists" ->
            criteria.add(
                new Criterion(
                    field.column(), operand.asBoolean() ? Op.EXISTS : Op.NOT_EXISTS, List.of()));
        case "$in", "$notIn" -> {
          List<Object> values = new ArrayList<>();
          operand.forEach(v -> values.add(convert(name, field, v)));
          if (field.type() == Type.LIST) {
            addListMembership(criteria, field, operator.getKey().equals("$in"), values);
            continue;
          }
          criteria.add(
              new Criterion(
                  field.column(), operator.getKey().equals("$in") ? Op.IN : Op.NOT_IN, values));
        }
        default ->
            throw EngineException.invalid(
                "The filter '"
                    + name
                    + "' does not support the operator '"
                    + operator.getKey()
                    + "'");
      }
    }
  }

  /**
   * {@code $in} on a list column: the list holds any of the values; {@code $notIn}: it holds none
   * of them (an empty list holds none).
   */
  private static void addListMembership(
      List<Criterion> criteria, Field field, boolean in, List<Object> values) {
    if (in) {
      List<Object> groups = new ArrayList<>();
      for (Object value : values) {
        groups.add(List.of(new Criterion(field.column(), Op.LIST_CONTAINS, List.of(value))));
      }
      criteria.add(new Criterion("", Op.ANY_OF, groups));
      return;
    }
    for (Object value : values) {
      criteria.add(
          new Criterion(
              field.column() + " is null or " + field.column() + " not like ?",
              Op.SQL_WITH_VALUES,
              List.of("%," + value + ",%")));
    }
  }

  private static Object convert(String name, Field field, JsonNode value) {
    try {
      return switch (field.type()) {
        case STRING, LIST -> value.asText();
        case PRESENT -> value.asBoolean();
        case KEY -> Long.parseLong(value.asText());
        case INT -> Integer.parseInt(value.asText());
        case BOOL -> value.asBoolean();
        case DATE -> OffsetDateTime.parse(value.asText()).toInstant().toEpochMilli();
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw EngineException.invalid(
          "Expected the filter '"
              + name
              + "' to hold a "
              + field.type().name().toLowerCase()
              + ", but got '"
              + value.asText()
              + "'");
    }
  }
}
