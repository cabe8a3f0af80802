package io.cityflow.cases.worker;

import io.cityflow.cases.WorkflowCommand;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Behaves like the engine towards publishers: a message id is accepted once, and each accepted
 * start message makes one process instance. It can be told to fail, or to "crash" after accepting.
 */
final class FakeEngine implements WorkflowGateway {
  final Set<String> messageIds = new HashSet<>();
  final List<WorkflowCommand> instancesStarted = new ArrayList<>();
  final AtomicInteger failuresToCome = new AtomicInteger();
  volatile boolean crashAfterAccepting;

  @Override
  public synchronized Delivery publish(WorkflowCommand command) {
    if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("engine unavailable");
    }
    if (!messageIds.add(command.messageName() + "/" + command.messageId())) {
      return Delivery.ALREADY_PUBLISHED;
    }
    instancesStarted.add(command);
    if (crashAfterAccepting) {
      throw new IllegalStateException("connection lost after the engine accepted");
    }
    return Delivery.PUBLISHED;
  }
}
