package io.cityflow.cases;

/**
 * No case matches, or the caller may not know that it exists. Both look the same from outside, so
 * that nobody can probe for references.
 */
public final class CaseNotFound extends RuntimeException {
  public CaseNotFound(String what) {
    super("no case " + what);
  }
}
