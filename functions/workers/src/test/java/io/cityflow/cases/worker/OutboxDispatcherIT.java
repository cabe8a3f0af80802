package io.cityflow.cases.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.CaseIntake;
import io.cityflow.cases.CaseType;
import io.cityflow.cases.Channel;
import io.cityflow.cases.CitizenContact;
import io.cityflow.cases.Outbox;
import io.cityflow.cases.Priority;
import io.cityflow.cases.SubmissionReceipt;
import io.cityflow.cases.SubmitCase;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox on real PostgreSQL, across application restarts: a case committed by one application
 * and dispatched by the next is published exactly once, even when the first dispatch dies after the
 * engine accepted it.
 */
@ExtendWith(PostgresExtension.class)
class OutboxDispatcherIT {
  static final FakeEngine ENGINE = new FakeEngine();

  /** Puts the shared fake engine in place of the Camunda gateway. */
  @Singleton
  @Replaces(WorkflowGateway.class)
  @Requires(property = "test.fake-engine", value = "true")
  static class FakeEngineGateway implements WorkflowGateway {
    @Override
    public Delivery publish(io.cityflow.cases.WorkflowCommand command) {
      return ENGINE.publish(command);
    }
  }

  private static Map<String, Object> config(PostgresDatabase database) {
    Map<String, Object> config = new HashMap<>();
    config.put("datasources.default.url", database.jdbcUrl());
    config.put("datasources.default.username", database.user());
    config.put("datasources.default.password", database.password());
    config.put("datasources.default.dialect", "POSTGRES");
    config.put("flyway.datasources.default.enabled", true);
    config.put("cityflow.outbox.dispatcher.enabled", false);
    config.put("cityflow.outbox.first-retry", "0s");
    config.put("test.fake-engine", true);
    config.put("cityflow.workers.enabled", false);
    return config;
  }

  private static long unsent(PostgresDatabase database) throws Exception {
    try (Connection c = database.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery("select count(*) from outbox_command where sent_at is null")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aCaseCommittedBeforeACrashIsStartedExactlyOnceAfterRestarts(PostgresDatabase database)
      throws Exception {
    // given: the application commits a case and dies before dispatching
    SubmissionReceipt receipt;
    try (ApplicationContext first = ApplicationContext.run(config(database))) {
      receipt =
          first
              .getBean(CaseIntake.class)
              .submit(
                  UUID.randomUUID().toString(),
                  "h",
                  new SubmitCase(
                      CaseType.HOTLINE_TICKET,
                      Channel.PHONE,
                      new CitizenContact("赵强", "13700001111"),
                      "Street light out",
                      null,
                      "street-light",
                      null,
                      Priority.NORMAL,
                      "{}",
                      null));
    }
    assertThat(unsent(database)).isEqualTo(1);

    // when: the next start publishes, but dies before marking the command sent
    ENGINE.crashAfterAccepting = true;
    try (ApplicationContext second = ApplicationContext.run(config(database))) {
      assertThat(second.getBean(Outbox.class).oldestPendingSince()).isPresent();
      assertThat(second.getBean(OutboxDispatcher.class).dispatchDue()).isZero();
    }
    assertThat(unsent(database)).isEqualTo(1);

    // and: the third start dispatches again
    ENGINE.crashAfterAccepting = false;
    try (ApplicationContext third = ApplicationContext.run(config(database))) {
      assertThat(third.getBean(OutboxDispatcher.class).dispatchDue()).isEqualTo(1);
      assertThat(third.getBean(Outbox.class).pendingCount()).isZero();
      assertThat(third.getBean(Outbox.class).oldestPendingSince()).isEmpty();
    }

    // then: one process instance for the case, and nothing left to send
    assertThat(ENGINE.instancesStarted)
        .filteredOn(c -> c.caseId().equals(receipt.caseId()))
        .hasSize(1);
    assertThat(unsent(database)).isZero();
  }

  @Test
  void theStatusJobRoutesTheCaseAndARepeatedJobChangesNothing(PostgresDatabase database)
      throws Exception {
    try (ApplicationContext app = ApplicationContext.run(config(database))) {
      // given
      SubmissionReceipt receipt =
          app.getBean(CaseIntake.class)
              .submit(
                  UUID.randomUUID().toString(),
                  "h",
                  new SubmitCase(
                      CaseType.HOTLINE_TICKET,
                      Channel.WEB,
                      new CitizenContact("钱敏", "13600002222"),
                      "Noise at night",
                      null,
                      "other",
                      null,
                      Priority.NORMAL,
                      "{}",
                      null));
      UpdateCaseStatusWorker worker = app.getBean(UpdateCaseStatusWorker.class);
      Map<String, Object> job =
          Map.of(
              "caseId", receipt.caseId().toString(),
              "status", "ROUTED",
              "department", "ECO_ENVIRONMENT");

      // when the job runs twice
      worker.handle(new Job(1L, 42L, CaseType.HOTLINE_TICKET.processId(), job));
      worker.handle(new Job(1L, 42L, CaseType.HOTLINE_TICKET.processId(), job));

      // then
      io.cityflow.cases.CityCase c =
          app.getBean(io.cityflow.cases.CaseStore.class).findById(receipt.caseId()).orElseThrow();
      assertThat(c.status()).isEqualTo(io.cityflow.cases.CaseStatus.ROUTED);
      assertThat(c.departments()).containsExactly("ECO_ENVIRONMENT");
      assertThat(c.processInstanceKey()).isEqualTo(42L);
      assertThat(app.getBean(io.cityflow.cases.TimelineStore.class).forCase(receipt.caseId()))
          .extracting(e -> e.event())
          .containsExactly(
              io.cityflow.cases.TimelineEvent.SUBMITTED,
              io.cityflow.cases.TimelineEvent.STATUS_CHANGED);

      // and a later milestone that skips statuses walks the lifecycle step by step
      worker.handle(
          new Job(
              2L,
              42L,
              CaseType.HOTLINE_TICKET.processId(),
              Map.of(
                  "caseId", receipt.caseId().toString(), "status", "CLOSED", "outcome", "DONE")));
      io.cityflow.cases.CityCase closed =
          app.getBean(io.cityflow.cases.CaseStore.class).findById(receipt.caseId()).orElseThrow();
      assertThat(closed.status()).isEqualTo(io.cityflow.cases.CaseStatus.CLOSED);
      assertThat(closed.outcome()).isEqualTo("DONE");
      assertThat(closed.resolvedAt()).isNotNull();
      assertThat(app.getBean(io.cityflow.cases.TimelineStore.class).forCase(receipt.caseId()))
          .extracting(e -> e.text())
          .contains("ROUTED → RESOLVED", "RESOLVED → CLOSED");
    }
  }
}
