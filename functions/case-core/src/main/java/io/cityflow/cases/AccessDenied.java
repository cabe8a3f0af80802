package io.cityflow.cases;

/** The staff member is signed in but may not do this. */
public final class AccessDenied extends RuntimeException {
  public AccessDenied(String message) {
    super(message);
  }
}
