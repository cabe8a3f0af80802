package io.cityflow.engine.state;

import java.util.List;

/** One search condition on one column. */
public record Criterion(String column, Op op, List<Object> values) {

  /** The comparisons searches support. */
  public enum Op {
    EQ,
    NEQ,
    IN,
    NOT_IN,
    LIKE,
    EXISTS,
    NOT_EXISTS,
    GT,
    GTE,
    LT,
    LTE,
    /** The column holds a ",a,b," list and must contain the value. */
    LIST_CONTAINS,
    /** The column is a complete SQL condition of its own, without parameters. */
    SQL,
    /** The column is a complete SQL condition whose {@code ?} take the values, in order. */
    SQL_WITH_VALUES,
    /** Any of several groups holds; each value is a {@code List<Criterion>} that must all hold. */
    ANY_OF,
    /**
     * The column opens {@code exists (select ... where <link>}, unclosed; each value is a {@code
     * Criterion} on the related row, and one related row must meet them all.
     */
    EXISTS_WHERE
  }

  public static Criterion eq(String column, Object value) {
    return new Criterion(column, Op.EQ, List.of(value));
  }
}
