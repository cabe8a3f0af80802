package io.cityflow.cases.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.certificate.Certificate;
import io.cityflow.cases.certificate.CertificateExpiryReminders;
import io.cityflow.cases.certificate.CertificateReminderStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RemindExpiringCertificatesWorkerTest {
  /** The city's today at {@link WorkerFakes#MONDAY_10_00}. */
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

  final Store store = new Store();
  final InMemoryOutbox outbox = new InMemoryOutbox();
  final RemindExpiringCertificatesWorker worker =
      new RemindExpiringCertificatesWorker(
          new CertificateExpiryReminders(
              store, outbox, WorkerFakes.calendar(), WorkerFakes.clock(), null));

  @Test
  void sweepsOneBatchAndSaysWhetherMoreAreDueUntilEveryHolderIsRemindedOnce() {
    // given one certificate more than a batch, all expiring within 30 days
    for (int n = 0; n <= RemindExpiringCertificatesWorker.BATCH; n++) {
      store.certificates.add(certificate(n, TODAY.plusDays(n % 31)));
    }

    // when the model runs the job until moreDue is false, and once more (a retried job)
    Map<String, Object> first = worker.handle(job());
    Map<String, Object> second = worker.handle(job());
    Map<String, Object> retried = worker.handle(job());

    // then
    assertThat(first).isEqualTo(Map.of("remindersSent", 500, "moreDue", true));
    assertThat(second).isEqualTo(Map.of("remindersSent", 1, "moreDue", false));
    assertThat(retried).isEqualTo(Map.of("remindersSent", 0, "moreDue", false));
    assertThat(
            outbox.pending.values().stream().map(e -> e.command().messageId()).distinct().count())
        .isEqualTo(501);
    assertThat(outbox.pending.values())
        .extracting(e -> e.command().variables().get("template"))
        .containsOnly("CERTIFICATE_EXPIRING");
  }

  @Test
  void remindsNobodyWhenNothingExpiresWithinTheLeadTime() {
    // given a certificate that expires in 31 days and one that expired yesterday
    store.certificates.add(certificate(1, TODAY.plusDays(31)));
    store.certificates.add(certificate(2, TODAY.minusDays(1)));

    // when
    Map<String, Object> result = worker.handle(job());

    // then
    assertThat(result).isEqualTo(Map.of("remindersSent", 0, "moreDue", false));
    assertThat(outbox.pending).isEmpty();
  }

  private static Job job() {
    return new Job(7L, 9L, "certificate-expiry-reminders", Map.of());
  }

  private static Certificate certificate(int n, LocalDate validUntil) {
    String reference = String.format("YC-2025-%06d", n);
    return new Certificate(
        reference + "-C",
        UUID.randomUUID(),
        reference,
        "Li Na",
        "tree-felling",
        LocalDate.of(2025, 3, 2),
        "certificates/" + n,
        Instant.parse("2025-03-02T02:00:00Z"),
        null,
        validUntil,
        null);
  }

  /** Selects as the SQL does: not reminded, not revoked, last valid day within the window. */
  static final class Store implements CertificateReminderStore {
    final List<Certificate> certificates = new ArrayList<>();
    final Map<String, Instant> reminded = new HashMap<>();

    @Override
    public List<Certificate> unremindedExpiringBetween(LocalDate first, LocalDate last, int limit) {
      return certificates.stream()
          .filter(c -> !reminded.containsKey(c.number()) && c.revocation() == null)
          .filter(c -> c.validUntil() != null)
          .filter(c -> !c.validUntil().isBefore(first) && !c.validUntil().isAfter(last))
          .limit(limit)
          .toList();
    }

    @Override
    public boolean markReminded(String number, Instant at) {
      return reminded.putIfAbsent(number, at) == null;
    }
  }
}
