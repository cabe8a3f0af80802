package io.cityflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cityflow.engine.model.EngineException;
import io.cityflow.engine.state.Criterion;
import io.cityflow.engine.state.Criterion.Op;
import io.cityflow.engine.state.SearchQuery;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
    LIST
  }

  /** A filter or sort field and its column. */
  record Field(String column, Type type) {}

  private final String resource;
  private final Map<String, Field> filters;
  private final Map<String, String> sorts;
  private final Map<String, String> specials;

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

  SearchQuery toQuery(JsonNode body) {
    List<Criterion> criteria = new ArrayList<>();
    JsonNode filter = body.path("filter");
    for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      if (value.isNull() || (value.isArray() && value.isEmpty()) || "tenantId".equals(name)) {
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
    return new SearchQuery(criteria, order, from, limit);
  }

  private void addConditions(List<Criterion> criteria, String name, Field field, JsonNode value) {
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

  private static Object convert(String name, Field field, JsonNode value) {
    try {
      return switch (field.type()) {
        case STRING, LIST -> value.asText();
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
