package io.cityflow.cases.worker;

import java.time.Duration;

/** Exponential back-off: {@code first × 2^(attempt-1)}, capped at {@code max}. */
public record RetryBackoff(Duration first, Duration max) {

  /** The wait after the given failed attempt (1 = the first failure). */
  public Duration after(int attempt) {
    if (attempt < 1) {
      return Duration.ZERO;
    }
    long factor = 1L << Math.min(attempt - 1, 30);
    Duration wait = first.multipliedBy(factor);
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
