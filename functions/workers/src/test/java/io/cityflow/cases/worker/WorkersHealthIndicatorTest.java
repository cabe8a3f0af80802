package io.cityflow.cases.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.Outbox;
import io.cityflow.cases.WorkflowCommand;
import io.cityflow.workflows.contract.MessageNames;
import io.micronaut.context.BeanProvider;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class WorkersHealthIndicatorTest {

  private static final BeanProvider<JobWorkers> NO_JOB_WORKERS =
      new BeanProvider<>() {
        @Override
        public JobWorkers get() {
          throw new IllegalStateException("job workers are switched off");
        }

        @Override
        public boolean isPresent() {
          return false;
        }
      };

  @Test
  @SuppressWarnings("unchecked")
  void isUpAndCountsThePendingOutboxCommands() {
    // given
    InMemoryOutbox outbox = new InMemoryOutbox();
    UUID caseId = UUID.randomUUID();
    outbox.enqueue(
        new WorkflowCommand(
            UUID.randomUUID(),
            caseId,
            MessageNames.HOTLINE_TICKET_SUBMITTED,
            caseId.toString(),
            caseId.toString(),
            Map.of("caseId", caseId.toString()),
            Instant.now()));

    // when
    HealthResult result = check(new WorkersHealthIndicator(NO_JOB_WORKERS, outbox));

    // then
    assertThat(result.getName()).isEqualTo("workers");
    assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
    assertThat((Map<String, Object>) result.getDetails()).containsEntry("outboxPending", 1L);
  }

  @Test
  @SuppressWarnings("unchecked")
  void isDownWhenTheOutboxCannotBeRead() {
    // given
    Outbox broken =
        (Outbox)
            Proxy.newProxyInstance(
                Outbox.class.getClassLoader(),
                new Class<?>[] {Outbox.class},
                (proxy, method, args) -> {
                  throw new IllegalStateException("database is gone");
                });

    // when
    HealthResult result = check(new WorkersHealthIndicator(NO_JOB_WORKERS, broken));

    // then
    assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
    assertThat((Map<String, Object>) result.getDetails())
        .containsEntry("outboxError", "database is gone");
  }

  private static HealthResult check(WorkersHealthIndicator indicator) {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      indicator.setExecutorService(executor);
      return Mono.from(indicator.getResult()).block();
    } finally {
      executor.shutdownNow();
    }
  }
}
