package io.cityflow.engine.state;

import io.cityflow.engine.runtime.Changes.Kind;
import io.cityflow.engine.runtime.Entity;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How one entity kind maps to its table. The INSERT, UPDATE and DELETE statements are built once
 * from the columns, so a batch only binds values.
 */
record Table(Kind kind, String name, String keyColumn, List<Column> columns) {

  String insertSql() {
    String names =
        keyColumn + ", " + columns.stream().map(Column::name).collect(Collectors.joining(", "));
    String marks = "?" + ", ?".repeat(columns.size());
    return "insert into " + name + " (" + names + ") values (" + marks + ")";
  }

  String updateSql() {
    String sets = columns.stream().map(c -> c.name() + " = ?").collect(Collectors.joining(", "));
    return "update " + name + " set " + sets + " where " + keyColumn + " = ?";
  }

  String deleteSql() {
    return "delete from " + name + " where " + keyColumn + " = ?";
  }

  Object value(int column, Entity entity) {
    return columns.get(column).value().apply(entity);
  }
}
