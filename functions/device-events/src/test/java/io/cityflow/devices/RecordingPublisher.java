package io.cityflow.devices;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Test double for the hand-off: records every publish call, and can be told to fail. */
public final class RecordingPublisher implements AlertPublisher {
  private final List<List<Signal>> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger failedCalls = new AtomicInteger();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile RuntimeException failure;

  @Override
  public void publish(List<Signal> signals) {
    RuntimeException toThrow = failure;
    if (toThrow == null && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      toThrow = new IllegalStateException("engine unavailable");
    }
    if (toThrow != null) {
      failedCalls.incrementAndGet();
      throw toThrow;
    }
    calls.add(List.copyOf(signals));
  }

  public void failWith(RuntimeException failure) {
    this.failure = failure;
  }

  /** Makes the next {@code calls} calls fail, as an unreachable engine would. */
  public void failNext(int calls) {
    failuresLeft.set(calls);
  }

  /** How many calls failed as told. */
  public int failedCalls() {
    return failedCalls.get();
  }

  public List<List<Signal>> calls() {
    return calls;
  }

  public List<Signal> signals() {
    List<Signal> all = new ArrayList<>();
    calls.forEach(all::addAll);
    return all;
  }

  public List<Signal> signals(Signal.Kind kind) {
    return signals().stream().filter(s -> s.kind() == kind).toList();
  }

  public void clear() {
    calls.clear();
  }
}
