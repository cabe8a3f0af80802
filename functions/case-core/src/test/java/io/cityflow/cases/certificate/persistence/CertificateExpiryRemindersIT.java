package io.cityflow.cases.certificate.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.BusinessCalendar;
import io.cityflow.cases.CaseIntake;
import io.cityflow.cases.CaseMessages;
import io.cityflow.cases.CaseType;
import io.cityflow.cases.Channel;
import io.cityflow.cases.CitizenContact;
import io.cityflow.cases.Location;
import io.cityflow.cases.Priority;
import io.cityflow.cases.SubmissionReceipt;
import io.cityflow.cases.SubmitCase;
import io.cityflow.cases.certificate.Certificate;
import io.cityflow.cases.certificate.CertificateExpiryReminders;
import io.cityflow.cases.certificate.CertificateRevocationStore;
import io.cityflow.cases.certificate.CertificateStore;
import io.cityflow.cases.certificate.Revocation;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Expiry reminders on PostgreSQL: a sweep writes one outbox message per due certificate and marks
 * it in the same transaction, and no later or concurrent sweep writes another.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateExpiryRemindersIT {
  private PostgresDatabase database;
  private ApplicationContext context;
  private CertificateExpiryReminders reminders;
  private CertificateStore certificates;
  private LocalDate today;

  @BeforeAll
  void start(PostgresDatabase database) {
    this.database = database;
    Map<String, Object> config = new HashMap<>();
    config.put("datasources.default.url", database.jdbcUrl());
    config.put("datasources.default.username", database.user());
    config.put("datasources.default.password", database.password());
    config.put("datasources.default.dialect", "POSTGRES");
    config.put("datasources.default.maximum-pool-size", 8);
    config.put("flyway.datasources.default.enabled", true);
    context = ApplicationContext.run(config);
    reminders = context.getBean(CertificateExpiryReminders.class);
    certificates = context.getBean(CertificateStore.class);
    today = LocalDate.now(context.getBean(BusinessCalendar.class).zone());
  }

  @AfterAll
  void stop() {
    context.close();
  }

  @Test
  void aSweepWritesOneNoticePerDueCertificateAndASecondSweepWritesNone() throws Exception {
    // given certificates on each side of the lead time (30 days, the default)
    String atLeadDay = issue(today.plusDays(30), null);
    String beyondLead = issue(today.plusDays(31), null);
    String lastDayToday = issue(today, null);
    String expiredYesterday = issue(today.minusDays(1), null);
    String revoked = issue(today.plusDays(3), revocation());
    String noExpiry = issue(null, null);
    String remindedBefore = issue(today.plusDays(4), null);
    sql("update certificate set expiry_reminded_at = now() where number = ?", remindedBefore);

    // when
    sweepUntilDone();

    // then the two due certificates got one message each, marked reminded
    List<String> mine =
        List.of(
            atLeadDay,
            beyondLead,
            lastDayToday,
            expiredYesterday,
            revoked,
            noExpiry,
            remindedBefore);
    assertThat(noticesOf(mine)).containsOnlyKeys(atLeadDay, lastDayToday);
    assertThat(noticesOf(mine).get(atLeadDay))
        .contains("\"template\":\"CERTIFICATE_EXPIRING\"")
        .contains("\"validUntil\":\"" + today.plusDays(30) + "\"")
        .contains("\"certificateNumber\":\"" + atLeadDay + "\"");
    assertThat(remindedAt(atLeadDay)).isNotNull();
    assertThat(remindedAt(lastDayToday)).isNotNull();
    assertThat(remindedAt(beyondLead)).isNull();
    assertThat(remindedAt(expiredYesterday)).isNull();
    assertThat(remindedAt(revoked)).isNull();
    assertThat(remindedAt(noExpiry)).isNull();

    // when a second sweep runs
    Instant first = remindedAt(atLeadDay);
    CertificateExpiryReminders.Sweep again = reminders.sweep(500);

    // then it writes nothing and changes no mark
    assertThat(again.reminded()).isZero();
    assertThat(noticesOf(mine)).containsOnlyKeys(atLeadDay, lastDayToday);
    assertThat(remindedAt(atLeadDay)).isEqualTo(first);
  }

  @Test
  void aRevocationAfterTheReminderChangesNothingAndARevokedCertificateIsNeverReminded()
      throws Exception {
    // given one certificate reminded, then revoked; another revoked before it was due
    String remindedThenRevoked = issue(today.plusDays(2), null);
    sweepUntilDone();
    Instant reminded = remindedAt(remindedThenRevoked);
    CertificateRevocationStore revocations = context.getBean(CertificateRevocationStore.class);
    assertThat(revocations.revoke(remindedThenRevoked, revocation())).isTrue();
    String revokedFirst = issue(today.plusDays(6), null);
    assertThat(revocations.revoke(revokedFirst, revocation())).isTrue();

    // when
    sweepUntilDone();

    // then
    assertThat(noticesOf(List.of(remindedThenRevoked, revokedFirst)))
        .containsOnlyKeys(remindedThenRevoked);
    assertThat(remindedAt(remindedThenRevoked)).isEqualTo(reminded);
    assertThat(remindedAt(revokedFirst)).isNull();
  }

  @Test
  void overlappingSweepsInSmallBatchesRemindEachCertificateOnce() throws Exception {
    // given 24 due certificates
    List<String> due = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      due.add(issue(today.plusDays(i % 20), null));
    }

    // when four sweeps run at once, each in batches of 5 until it finds no more
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> sweeps = new ArrayList<>();
    try {
      for (int t = 0; t < 4; t++) {
        sweeps.add(pool.submit((Callable<Integer>) () -> sweepUntilDone(5)));
      }
      int total = 0;
      for (Future<Integer> sweep : sweeps) {
        total += sweep.get();
      }

      // then every certificate has exactly one message, and the sweeps counted each once
      Map<String, String> notices = noticesOf(due);
      assertThat(notices).containsOnlyKeys(due);
      assertThat(countOutbox(due)).isEqualTo(due.size());
      assertThat(total).isEqualTo(due.size());
    } finally {
      pool.shutdownNow();
    }
    assertThat(reminders.sweep(500).reminded()).isZero();
  }

  private int sweepUntilDone() {
    return sweepUntilDone(500);
  }

  /** Sweeps as the model does: again while the batch was full. */
  private int sweepUntilDone(int batch) {
    int reminded = 0;
    CertificateExpiryReminders.Sweep sweep;
    do {
      sweep = reminders.sweep(batch);
      reminded += sweep.reminded();
    } while (sweep.moreDue());
    return reminded;
  }

  /** A case and its certificate, as the workers issue it; answers the certificate number. */
  private String issue(LocalDate validUntil, Revocation revocation) {
    SubmissionReceipt receipt =
        context
            .getBean(CaseIntake.class)
            .submit(
                UUID.randomUUID().toString(),
                "h",
                new SubmitCase(
                    CaseType.HOTLINE_TICKET,
                    Channel.WEB,
                    new CitizenContact("王芳", "13912345678"),
                    "Permit",
                    "Tree felling permit",
                    "tree-felling",
                    new Location("Beijing Road 1", 38.48, 106.23),
                    Priority.NORMAL,
                    "{}",
                    null));
    String reference = receipt.reference().toString();
    Certificate certificate =
        new Certificate(
            reference + "-C",
            receipt.caseId(),
            reference,
            "王芳",
            "tree-felling",
            today.minusYears(1),
            "certificates/" + reference,
            Instant.now(),
            null,
            validUntil,
            revocation);
    certificates.insert(certificate, UUID.randomUUID().toString().replace("-", "").repeat(2));
    return certificate.number();
  }

  private static Revocation revocation() {
    return new Revocation(Instant.now(), "supervisor.water", "issued in error");
  }

  /** The variables of each expiry notice in the outbox, by certificate number. */
  private Map<String, String> noticesOf(List<String> numbers) throws SQLException {
    Map<String, String> notices = new HashMap<>();
    try (Connection db = database.connect();
        PreparedStatement q =
            db.prepareStatement(
                "select message_id, variables from outbox_command where message_name = ?"
                    + " and message_id = any (?)")) {
      q.setString(1, CaseMessages.CITIZEN_NOTICE_REQUESTED);
      q.setArray(
          2, db.createArrayOf("varchar", numbers.stream().map(n -> n + ":expiring").toArray()));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString("message_id");
          notices.put(id.substring(0, id.length() - ":expiring".length()), rs.getString(2));
        }
      }
    }
    return notices;
  }

  private int countOutbox(List<String> numbers) throws SQLException {
    try (Connection db = database.connect();
        PreparedStatement q =
            db.prepareStatement(
                "select count(*) from outbox_command where case_id in"
                    + " (select case_id from certificate where number = any (?))"
                    + " and message_id like '%:expiring'")) {
      q.setArray(1, db.createArrayOf("varchar", numbers.toArray()));
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private Instant remindedAt(String number) throws SQLException {
    try (Connection db = database.connect();
        PreparedStatement q =
            db.prepareStatement("select expiry_reminded_at from certificate where number = ?")) {
      q.setString(1, number);
      try (ResultSet rs = q.executeQuery()) {
        assertThat(rs.next()).isTrue();
        Timestamp at = rs.getTimestamp(1);
        return at == null ? null : at.toInstant();
      }
    }
  }

  private void sql(String statement, String number) throws SQLException {
    try (Connection db = database.connect();
        PreparedStatement s = db.prepareStatement(statement)) {
      s.setString(1, number);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }
}
