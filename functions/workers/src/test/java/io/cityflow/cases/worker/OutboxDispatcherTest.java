package io.cityflow.cases.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.WorkflowCommand;
import io.cityflow.workflows.contract.MessageNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxDispatcherTest {
  private final Instant t0 = Instant.parse("2026-03-09T01:00:00Z");
  private final MutableClock clock = new MutableClock(t0);
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final FakeEngine engine = new FakeEngine();
  private OutboxDispatcher dispatcher;

  @BeforeEach
  void setUp() {
    dispatcher =
        new OutboxDispatcher(
            outbox, engine, clock, 10, Duration.ofSeconds(1), Duration.ofMinutes(5));
  }

  private WorkflowCommand startCommand() {
    UUID caseId = UUID.randomUUID();
    return new WorkflowCommand(
        UUID.randomUUID(),
        caseId,
        MessageNames.HOTLINE_TICKET_SUBMITTED,
        caseId.toString(),
        caseId.toString(),
        Map.of("caseId", caseId.toString()),
        t0);
  }

  @Test
  void sendsDueCommandsAndMarksThemSent() {
    // given
    outbox.enqueue(startCommand());
    outbox.enqueue(startCommand());

    // when
    int sent = dispatcher.dispatchDue();

    // then
    assertThat(sent).isEqualTo(2);
    assertThat(outbox.pendingCount()).isZero();
    assertThat(engine.instancesStarted).hasSize(2);
  }

  @Test
  void retriesAFailedCommandWithGrowingWaits() {
    // given an engine that fails three times
    WorkflowCommand command = startCommand();
    outbox.enqueue(command);
    engine.failuresToCome.set(3);

    // when / then: 1 s, 2 s, 4 s between attempts
    assertThat(dispatcher.dispatchDue()).isZero();
    assertThat(outbox.pending.get(command.id()).nextAttemptAt()).isEqualTo(t0.plusSeconds(1));
    clock.advance(Duration.ofMillis(500));
    assertThat(dispatcher.dispatchDue()).as("not yet due").isZero();
    assertThat(outbox.pending.get(command.id()).attempts()).isEqualTo(1);
    clock.advance(Duration.ofMillis(500));
    dispatcher.dispatchDue();
    assertThat(outbox.pending.get(command.id()).nextAttemptAt())
        .isEqualTo(clock.instant().plusSeconds(2));
    clock.advance(Duration.ofSeconds(2));
    dispatcher.dispatchDue();
    assertThat(outbox.pending.get(command.id()).attempts()).isEqualTo(3);
    assertThat(outbox.pending.get(command.id()).lastError()).contains("unavailable");
    clock.advance(Duration.ofSeconds(4));
    assertThat(dispatcher.dispatchDue()).isEqualTo(1);
    assertThat(outbox.pendingCount()).isZero();
    assertThat(engine.instancesStarted).hasSize(1);
  }

  @Test
  void aCommandPublishedBeforeACrashIsNotStartedTwiceWhenSentAgain() {
    // given the engine accepts the message but the answer never arrives
    WorkflowCommand command = startCommand();
    outbox.enqueue(command);
    engine.crashAfterAccepting = true;
    dispatcher.dispatchDue();
    assertThat(outbox.pendingCount()).as("not marked sent").isOne();

    // when the dispatcher tries again
    engine.crashAfterAccepting = false;
    clock.advance(Duration.ofSeconds(1));
    dispatcher.dispatchDue();

    // then
    assertThat(outbox.pendingCount()).isZero();
    assertThat(engine.instancesStarted).hasSize(1);
  }

  @Test
  void backOffIsCapped() {
    RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
    assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.after(40)).isEqualTo(Duration.ofMinutes(5));
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
