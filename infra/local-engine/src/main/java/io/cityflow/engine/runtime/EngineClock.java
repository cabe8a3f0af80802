package io.cityflow.engine.runtime;

/**
 * The engine's time. Normally the system clock; tests pin it through {@code PUT /v2/clock} to move
 * time forward and fire timers without waiting.
 */
public final class EngineClock {

  private volatile Long pinned;

  public long millis() {
    Long at = pinned;
    return at == null ? System.currentTimeMillis() : at;
  }

  public void pin(long epochMillis) {
    pinned = epochMillis;
  }

  public void reset() {
    pinned = null;
  }
}
