package io.cityflow.cases.persistence;

import io.cityflow.cases.Outbox;
import io.cityflow.cases.OutboxEntry;
import io.cityflow.cases.WorkflowCommand;
import io.micronaut.core.type.Argument;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcOutbox implements Outbox {
  private static final Argument<Map<String, Object>> VARIABLES =
      Argument.mapOf(String.class, Object.class);

  private final OutboxRepository outbox;
  private final OutboxPersistenceMapper mapper;
  private final JsonMapper json;

  JdbcOutbox(OutboxRepository outbox, OutboxPersistenceMapper mapper, JsonMapper json) {
    this.outbox = outbox;
    this.mapper = mapper;
    this.json = json;
  }

  @Override
  public void enqueue(WorkflowCommand command) {
    try {
      outbox.save(mapper.toRow(command, json.writeValueAsString(command.variables())));
    } catch (IOException e) {
      throw new UncheckedIOException("variables are not JSON-friendly", e);
    }
  }

  @Override
  public List<OutboxEntry> due(Instant now, int limit) {
    Pageable page = Pageable.from(0, limit, Sort.of(Sort.Order.asc("nextAttemptAt")));
    return outbox.findBySentAtIsNullAndNextAttemptAtLessThanEquals(now, page).stream()
        .map(row -> mapper.toEntry(row, variables(row.variables())))
        .toList();
  }

  @Override
  public void markSent(UUID commandId, Instant at) {
    outbox.updateSentAt(commandId, at);
  }

  @Override
  public void markFailed(UUID commandId, int attempts, Instant nextAttemptAt, String error) {
    String trimmed = error == null ? null : error.substring(0, Math.min(error.length(), 2000));
    outbox.recordFailure(commandId, attempts, nextAttemptAt, trimmed);
  }

  @Override
  public long pendingCount() {
    return outbox.countBySentAtIsNull();
  }

  @Override
  public Optional<Instant> oldestPendingSince() {
    return outbox.findOldestUnsentCreatedAt();
  }

  private Map<String, Object> variables(String text) {
    try {
      return json.readValue(text, VARIABLES);
    } catch (IOException e) {
      throw new UncheckedIOException("stored variables are not JSON", e);
    }
  }
}
