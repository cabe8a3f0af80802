package io.cityflow.cases.worker;

import io.cityflow.cases.Outbox;
import io.cityflow.cases.OutboxEntry;
import io.cityflow.cases.WorkflowCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** An outbox in memory, for dispatcher unit tests. */
final class InMemoryOutbox implements Outbox {
  final Map<UUID, OutboxEntry> pending = new LinkedHashMap<>();
  final Map<UUID, Instant> sent = new LinkedHashMap<>();

  @Override
  public void enqueue(WorkflowCommand command) {
    pending.put(command.id(), new OutboxEntry(command, 0, command.createdAt(), null));
  }

  @Override
  public List<OutboxEntry> due(Instant now, int limit) {
    List<OutboxEntry> due = new ArrayList<>();
    pending.values().stream()
        .filter(e -> !e.nextAttemptAt().isAfter(now))
        .sorted(Comparator.comparing(OutboxEntry::nextAttemptAt))
        .limit(limit)
        .forEach(due::add);
    return due;
  }

  @Override
  public void markSent(UUID commandId, Instant at) {
    pending.remove(commandId);
    sent.put(commandId, at);
  }

  @Override
  public void markFailed(UUID commandId, int attempts, Instant nextAttemptAt, String error) {
    OutboxEntry e = pending.get(commandId);
    pending.put(commandId, new OutboxEntry(e.command(), attempts, nextAttemptAt, error));
  }

  @Override
  public long pendingCount() {
    return pending.size();
  }

  @Override
  public Optional<Instant> oldestPendingSince() {
    return pending.values().stream()
        .map(e -> e.command().createdAt())
        .min(Comparator.naturalOrder());
  }
}
