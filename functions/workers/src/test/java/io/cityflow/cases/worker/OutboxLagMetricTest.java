package io.cityflow.cases.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.WorkflowCommand;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutboxLagMetricTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final OutboxLagMetric metric =
      new OutboxLagMetric(outbox, Clock.fixed(NOW, ZoneOffset.UTC), "dev");

  @Test
  void reportsTheAgeOfTheOldestUnsentCommandInTheAlarmsNamespace() throws IOException {
    // given two unsent commands, the older one enqueued 95 s ago
    outbox.enqueue(command(NOW.minusSeconds(30)));
    outbox.enqueue(command(NOW.minusSeconds(95)));

    // when
    Map<String, Object> line = parse(metric.line());

    // then
    assertThat(line).containsEntry("OutboxLagSeconds", 95).containsEntry("Environment", "dev");
    Map<?, ?> aws = (Map<?, ?>) line.get("_aws");
    assertThat(aws.get("Timestamp")).isEqualTo(NOW.toEpochMilli());
    Map<?, ?> directive = (Map<?, ?>) ((List<?>) aws.get("CloudWatchMetrics")).get(0);
    assertThat(directive.get("Namespace")).isEqualTo("CityFlow");
    assertThat(directive.get("Dimensions")).isEqualTo(List.of(List.of("Environment")));
    assertThat(directive.get("Metrics"))
        .isEqualTo(List.of(Map.of("Name", "OutboxLagSeconds", "Unit", "Seconds")));
  }

  @Test
  void reportsZeroWhenEveryCommandWasSent() throws IOException {
    // given a command that was sent
    WorkflowCommand sent = command(NOW.minusSeconds(600));
    outbox.enqueue(sent);
    outbox.markSent(sent.id(), NOW.minusSeconds(599));

    // when / then: a data point is still published, so the alarm sees the dispatcher alive
    assertThat(parse(metric.line())).containsEntry("OutboxLagSeconds", 0);
  }

  private static WorkflowCommand command(Instant createdAt) {
    return new WorkflowCommand(
        UUID.randomUUID(), UUID.randomUUID(), "Msg_Test", "key", "id", Map.of(), createdAt);
  }

  private static Map<String, Object> parse(String line) throws IOException {
    return JsonMapper.createDefault().readValue(line, Argument.mapOf(String.class, Object.class));
  }
}
