package io.cityflow.engine.state;

import java.util.List;

/** A page of rows from one table: conditions, ordering and paging. */
public record SearchQuery(List<Criterion> criteria, List<SortOrder> sort, int from, int limit) {

  /** Orders by a column, descending or not. */
  public record SortOrder(String column, boolean descending) {}
}
