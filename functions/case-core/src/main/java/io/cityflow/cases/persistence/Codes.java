package io.cityflow.cases.persistence;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Lists of codes kept in one column, comma-separated. */
final class Codes {
  private Codes() {}

  static String join(Collection<?> codes) {
    return String.join(",", codes.stream().map(Object::toString).toList());
  }

  static List<String> split(String column) {
    if (column == null || column.isBlank()) {
      return List.of();
    }
    return Arrays.stream(column.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
