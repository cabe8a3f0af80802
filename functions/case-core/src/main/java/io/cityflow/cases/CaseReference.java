package io.cityflow.cases;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference citizens and clerks quote, such as {@code YC-2026-000123}: the year of submission
 * and a number from a per-year counter that is drawn inside the submitting transaction, so it has
 * no gaps.
 */
public record CaseReference(int year, long number) {
  private static final Pattern FORMAT = Pattern.compile("YC-(\\d{4})-(\\d{6,})");

  public CaseReference {
    if (year < 2000 || year > 9999) {
      throw new IllegalArgumentException("year out of range: " + year);
    }
    if (number < 1) {
      throw new IllegalArgumentException("reference numbers start at 1: " + number);
    }
  }

  /** Parses a reference; throws {@link CaseRuleViolation} on field "reference" when malformed. */
  public static CaseReference parse(String text) {
    Matcher m = text == null ? null : FORMAT.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new CaseRuleViolation("reference", "a reference looks like YC-2026-000123");
    }
    return new CaseReference(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
  }

  @Override
  public String toString() {
    return String.format("YC-%04d-%06d", year, number);
  }
}
