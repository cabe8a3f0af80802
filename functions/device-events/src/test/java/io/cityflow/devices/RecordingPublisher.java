package io.cityflow.devices;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test double for the hand-off: records every publish call, and can be told to fail. */
public final class RecordingPublisher implements AlertPublisher {
  private final List<List<Signal>> calls = new CopyOnWriteArrayList<>();
  private volatile RuntimeException failure;

  @Override
  public void publish(List<Signal> signals) {
    if (failure != null) {
      throw failure;
    }
    calls.add(List.copyOf(signals));
  }

  public void failWith(RuntimeException failure) {
    this.failure = failure;
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
