package io.cityflow.cases.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cityflow.cases.BusinessCalendar;
import io.cityflow.cases.CaseMessages;
import io.cityflow.cases.Outbox;
import io.cityflow.cases.OutboxEntry;
import io.cityflow.cases.WorkflowCommand;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which certificates a sweep reminds. The store here hands the sweep every certificate not yet
 * reminded, whatever its dates, so these tests check the sweep's own selection; the SQL's is
 * checked on PostgreSQL by {@code CertificateExpiryRemindersIT}.
 */
class CertificateExpiryRemindersTest {
  private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

  /** 2026-12-07 in the city (10:00), 02:00 UTC. */
  private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

  private final LaxReminderStore store = new LaxReminderStore();
  private final RecordingOutbox outbox = new RecordingOutbox();
  private final CertificateExpiryReminders reminders =
      new CertificateExpiryReminders(store, outbox, CITY, Clock.fixed(NOW, ZoneOffset.UTC), 30);

  @Test
  void remindsTheCertificatesWhoseLastDayIsFromTodayToTheLeadDayIncluded() {
    // given
    store.add(certificate(1, TODAY.plusDays(30), null)); // exactly the lead day
    store.add(certificate(2, TODAY.plusDays(31), null)); // one day beyond it
    store.add(certificate(3, TODAY, null)); // its last valid day is today
    store.add(certificate(4, TODAY.minusDays(1), null)); // expired yesterday
    store.add(certificate(5, TODAY.plusDays(10), revocation())); // revoked
    store.add(certificate(6, null, null)); // issued before V23: no expiry

    // when
    CertificateExpiryReminders.Sweep sweep = reminders.sweep(500);

    // then
    assertThat(sweep).isEqualTo(new CertificateExpiryReminders.Sweep(2, false));
    assertThat(outbox.messageIds())
        .containsExactly("YC-2026-000001-C:expiring", "YC-2026-000003-C:expiring");
    assertThat(store.reminded.keySet()).containsExactly("YC-2026-000001-C", "YC-2026-000003-C");
    assertThat(store.reminded.values()).containsOnly(NOW);
  }

  @Test
  void theMessageStartsTheHoldersNoticeWithTheCertificatesFields() {
    // given
    Certificate c = certificate(7, LocalDate.of(2027, 1, 1), null);
    store.add(c);

    // when
    reminders.sweep(500);

    // then
    assertThat(outbox.commands).hasSize(1);
    WorkflowCommand command = outbox.commands.get(0);
    assertThat(command.messageName()).isEqualTo(CaseMessages.CITIZEN_NOTICE_REQUESTED);
    assertThat(command.caseId()).isEqualTo(c.caseId());
    assertThat(command.correlationKey()).isEqualTo("YC-2026-000007-C:expiring");
    assertThat(command.messageId()).isEqualTo("YC-2026-000007-C:expiring");
    assertThat(command.createdAt()).isEqualTo(NOW);
    assertThat(command.variables())
        .isEqualTo(
            Map.of(
                "caseId", c.caseId().toString(),
                "template", "CERTIFICATE_EXPIRING",
                "certificateNumber", "YC-2026-000007-C",
                "permitType", "tree-felling",
                "validUntil", "2027-01-01"));
  }

  @Test
  void aCertificateAlreadyRemindedGetsNoSecondReminder() {
    // given a sweep reminded the holder
    store.add(certificate(8, TODAY.plusDays(5), null));
    reminders.sweep(500);

    // when the next sweep runs (the next day, or a retried job)
    CertificateExpiryReminders.Sweep again = reminders.sweep(500);

    // then
    assertThat(again).isEqualTo(new CertificateExpiryReminders.Sweep(0, false));
    assertThat(outbox.messageIds()).containsExactly("YC-2026-000008-C:expiring");
  }

  @Test
  void aCertificateRemindedOrRevokedByAnotherSweepMeanwhileIsSkipped() {
    // given the store lists the certificate, but another sweep marks it first
    store.add(certificate(9, TODAY.plusDays(5), null));
    store.refuseMarks = true;

    // when
    CertificateExpiryReminders.Sweep sweep = reminders.sweep(1);

    // then no message, and a full batch that reminded nobody does not ask for more
    assertThat(sweep).isEqualTo(new CertificateExpiryReminders.Sweep(0, false));
    assertThat(outbox.commands).isEmpty();
  }

  @Test
  void aFullBatchAsksForAnotherAndTheNextTakesTheRest() {
    // given three due certificates
    for (int n = 10; n < 13; n++) {
      store.add(certificate(n, TODAY.plusDays(n), null));
    }

    // when
    CertificateExpiryReminders.Sweep first = reminders.sweep(2);
    CertificateExpiryReminders.Sweep second = reminders.sweep(2);

    // then
    assertThat(first).isEqualTo(new CertificateExpiryReminders.Sweep(2, true));
    assertThat(second).isEqualTo(new CertificateExpiryReminders.Sweep(1, false));
    assertThat(outbox.messageIds()).hasSize(3).doesNotHaveDuplicates();
  }

  @Test
  void theLeadTimeIsASettingInDaysThirtyWhenUnset() {
    BusinessCalendar calendar = new BusinessCalendar(CITY, List.of(), List.of());

    assertThat(reminders(calendar, null).leadDays()).isEqualTo(30);
    assertThat(reminders(calendar, " ").leadDays()).isEqualTo(30);
    assertThat(reminders(calendar, " 7 ").leadDays()).isEqualTo(7);
    assertThat(reminders(calendar, "365").leadDays()).isEqualTo(365);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "366", "30d", "P30D", "thirty"})
  void aMalformedLeadTimeStopsTheStartNamingTheSetting(String value) {
    BusinessCalendar calendar = new BusinessCalendar(CITY, List.of(), List.of());

    assertThatThrownBy(() -> reminders(calendar, value))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(CertificateExpiryReminders.LEAD_DAYS_SETTING)
        .hasMessageContaining(value);
  }

  @Test
  void aSweepTakesAtLeastOneCertificate() {
    assertThatThrownBy(() -> reminders.sweep(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private CertificateExpiryReminders reminders(BusinessCalendar calendar, String leadDays) {
    return new CertificateExpiryReminders(
        store, outbox, calendar, Clock.fixed(NOW, ZoneOffset.UTC), leadDays);
  }

  private static Certificate certificate(int n, LocalDate validUntil, Revocation revocation) {
    String reference = String.format("YC-2026-%06d", n);
    return new Certificate(
        reference + "-C",
        UUID.randomUUID(),
        reference,
        "Li Na",
        "tree-felling",
        LocalDate.of(2026, 1, 5),
        "certificates/" + n,
        Instant.parse("2026-01-05T02:00:00Z"),
        null,
        validUntil,
        revocation);
  }

  private static Revocation revocation() {
    return new Revocation(
        Instant.parse("2026-11-01T03:00:00Z"), "supervisor.water", "issued in error");
  }

  /** Lists every certificate not yet reminded, whatever its dates or revocation. */
  private static final class LaxReminderStore implements CertificateReminderStore {
    final List<Certificate> certificates = new ArrayList<>();
    final Map<String, Instant> reminded = new LinkedHashMap<>();
    boolean refuseMarks;

    void add(Certificate c) {
      certificates.add(c);
    }

    @Override
    public List<Certificate> unremindedExpiringBetween(LocalDate first, LocalDate last, int limit) {
      return certificates.stream()
          .filter(c -> !reminded.containsKey(c.number()))
          .limit(limit)
          .toList();
    }

    @Override
    public boolean markReminded(String number, Instant at) {
      if (refuseMarks || reminded.containsKey(number)) {
        return false;
      }
      reminded.put(number, at);
      return true;
    }
  }

  private static final class RecordingOutbox implements Outbox {
    final List<WorkflowCommand> commands = new ArrayList<>();

    List<String> messageIds() {
      return commands.stream().map(WorkflowCommand::messageId).toList();
    }

    @Override
    public void enqueue(WorkflowCommand command) {
      commands.add(command);
    }

    @Override
    public List<OutboxEntry> due(Instant now, int limit) {
      return List.of();
    }

    @Override
    public void markSent(UUID commandId, Instant at) {}

    @Override
    public void markFailed(UUID commandId, int attempts, Instant nextAttemptAt, String error) {}

    @Override
    public long pendingCount() {
      return commands.size();
    }

    @Override
    public Optional<Instant> oldestPendingSince() {
      return Optional.empty();
    }
  }
}
