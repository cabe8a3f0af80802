package io.cityflow.cases.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.CaseIntake;
import io.cityflow.cases.CaseType;
import io.cityflow.cases.Channel;
import io.cityflow.cases.CitizenContact;
import io.cityflow.cases.IdempotencyKeyCleanup;
import io.cityflow.cases.Location;
import io.cityflow.cases.Priority;
import io.cityflow.cases.SubmissionReceipt;
import io.cityflow.cases.SubmitCase;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Idempotency keys are kept for their window (here 24 h), then expire and are cleaned up. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyExpiryIT {
  private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T02:00:00Z"));
  private ApplicationContext context;
  private PostgresDatabase database;
  private CaseIntake intake;
  private IdempotencyKeyCleanup cleanup;

  @BeforeAll
  void start(PostgresDatabase database) {
    this.database = database;
    Map<String, Object> config = CaseDatabase.config(database);
    config.put("cityflow.idempotency.keep", "24h");
    // The test runs the job itself, at the times it chooses.
    config.put("cityflow.idempotency.cleanup-interval", "1000d");
    context = ApplicationContext.builder(config).singletons(clock).start();
    intake = context.getBean(CaseIntake.class);
    cleanup = context.getBean(IdempotencyKeyCleanup.class);
  }

  @AfterAll
  void stop() {
    context.close();
  }

  @Test
  void aRetryWithinTheWindowGetsTheOriginalAnswer() {
    String key = UUID.randomUUID().toString();
    SubmissionReceipt first = intake.submit(key, "h", ticket("within"));

    clock.advance(Duration.ofHours(23));
    SubmissionReceipt retry = intake.submit(key, "h", ticket("within"));

    assertThat(retry.replayed()).isTrue();
    assertThat(retry.reference()).isEqualTo(first.reference());
    assertThat(retry.trackingCode()).isEqualTo(first.trackingCode());
  }

  @Test
  void theJobDeletesExpiredKeysOnlyAndKeepsTheirCases() throws Exception {
    String old = UUID.randomUUID().toString();
    SubmissionReceipt oldCase = intake.submit(old, "h", ticket("old"));
    clock.advance(Duration.ofHours(20));
    String recent = UUID.randomUUID().toString();
    intake.submit(recent, "h", ticket("recent"));
    clock.advance(Duration.ofHours(5));

    int deleted = cleanup.removeExpired();

    assertThat(deleted).isGreaterThanOrEqualTo(1);
    assertThat(keyExists(old)).isFalse();
    assertThat(keyExists(recent)).isTrue();
    assertThat(caseExists(oldCase.caseId())).isTrue();
  }

  @Test
  void afterTheWindowTheKeyIsNewAgainEvenBeforeTheJobRan() {
    String key = UUID.randomUUID().toString();
    SubmissionReceipt first = intake.submit(key, "h", ticket("expired"));

    clock.advance(Duration.ofHours(25));
    SubmissionReceipt again = intake.submit(key, "other", ticket("expired, new report"));

    assertThat(again.replayed()).isFalse();
    assertThat(again.reference()).isNotEqualTo(first.reference());
  }

  private boolean keyExists(String key) throws Exception {
    return exists("select 1 from idempotency_key where idem_key = ?", key);
  }

  private boolean caseExists(UUID id) throws Exception {
    return exists("select 1 from city_case where id = ?", id);
  }

  private boolean exists(String sql, Object parameter) throws Exception {
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, parameter);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static SubmitCase ticket(String subject) {
    return new SubmitCase(
        CaseType.HOTLINE_TICKET,
        Channel.WEB,
        new CitizenContact("王芳", "13912345678"),
        subject,
        "Street light out since Monday",
        "street-light",
        new Location("Wenhua Street 8", null, null),
        Priority.NORMAL,
        "{}",
        null);
  }

  /** A clock the test moves forward. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
