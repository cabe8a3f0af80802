package io.cityflow.cases.certificate;

import io.cityflow.cases.BusinessCalendar;
import io.cityflow.cases.Outbox;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Reminds the holder of a permit certificate, once, that it expires soon (docs/adr/0022, addendum
 * "expiry reminders"). A certificate is due when it is not revoked, has a last valid day, and that
 * day lies from the city's today up to today plus the lead time ({@value #LEAD_DAYS_SETTING}, in
 * days, default {@value #DEFAULT_LEAD_DAYS}), both included: an expired certificate, a revoked one
 * and one without expiry never get a reminder.
 *
 * <p>Each reminder is an outbox message that starts {@code notify-citizen}, written in the same
 * transaction as the conditional update that marks the certificate reminded, so a retried job, a
 * restart or two sweeps at once write it once. Its message id is one per certificate as well, so a
 * dispatcher that publishes it twice sends one notice.
 */
@Singleton
public class CertificateExpiryReminders {
  public static final String LEAD_DAYS_SETTING = "cityflow.certificates.expiry-reminder-days";

  /** The notice template that tells the holder (see {@code NoticeTemplates}). */
  public static final String NOTICE_TEMPLATE = "CERTIFICATE_EXPIRING";

  static final int DEFAULT_LEAD_DAYS = 30;

  /** Longest lead accepted: a reminder a year ahead is already more than "in time". */
  static final int MAX_LEAD_DAYS = 365;

  private final CertificateReminderStore store;
  private final Outbox outbox;
  private final ZoneId zone;
  private final Clock clock;
  private final int leadDays;

  @Inject
  public CertificateExpiryReminders(
      CertificateReminderStore store,
      Outbox outbox,
      BusinessCalendar calendar,
      Clock clock,
      @Nullable @Value("${" + LEAD_DAYS_SETTING + ":}") String leadDays) {
    this(store, outbox, calendar.zone(), clock, parse(leadDays));
  }

  CertificateExpiryReminders(
      CertificateReminderStore store, Outbox outbox, ZoneId zone, Clock clock, int leadDays) {
    this.store = store;
    this.outbox = outbox;
    this.zone = zone;
    this.clock = clock;
    this.leadDays = leadDays;
  }

  /**
   * What one sweep did.
   *
   * @param reminded how many holders it asked the workflow to remind
   * @param moreDue whether its batch was full, so that more certificates may be due now
   */
  public record Sweep(int reminded, boolean moreDue) {}

  /** How many days before its last valid day a certificate's holder is reminded. */
  public int leadDays() {
    return leadDays;
  }

  /**
   * Whether a certificate is due a reminder on a day, leaving aside whether it got one: not
   * revoked, with a last valid day from {@code today} to {@code today + lead} (both included).
   */
  public boolean isDue(Certificate certificate, LocalDate today) {
    LocalDate last = certificate.validUntil();
    return certificate.revocation() == null
        && last != null
        && !last.isBefore(today)
        && !last.isAfter(today.plusDays(leadDays));
  }

  /**
   * Reminds the holders of at most {@code batch} due certificates, soonest expiry first, in one
   * transaction.
   */
  @Transactional
  public Sweep sweep(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("a sweep takes at least one certificate");
    }
    Instant now = clock.instant();
    LocalDate today = now.atZone(zone).toLocalDate();
    List<Certificate> candidates =
        store.unremindedExpiringBetween(today, today.plusDays(leadDays), batch);
    int reminded = 0;
    for (Certificate certificate : candidates) {
      // The store's selection is checked again here, so a reminder never depends on its query
      // alone; the conditional mark then makes it once even against another sweep.
      if (isDue(certificate, today) && store.markReminded(certificate.number(), now)) {
        outbox.enqueue(
            HolderNotices.request(
                certificate,
                "expiring",
                NOTICE_TEMPLATE,
                Map.of("validUntil", certificate.validUntil().toString()),
                now));
        reminded++;
      }
    }
    // A full batch that reminded nobody (another sweep took them all) does not ask for more, so
    // a sweep always ends.
    return new Sweep(reminded, candidates.size() == batch && reminded > 0);
  }

  private static int parse(@Nullable String leadDays) {
    if (leadDays == null || leadDays.isBlank()) {
      return DEFAULT_LEAD_DAYS;
    }
    int days;
    try {
      days = Integer.parseInt(leadDays.strip());
    } catch (NumberFormatException e) {
      throw invalid(leadDays, "a whole number of days");
    }
    if (days < 1 || days > MAX_LEAD_DAYS) {
      throw invalid(leadDays, "between 1 and " + MAX_LEAD_DAYS + " days");
    }
    return days;
  }

  private static ConfigurationException invalid(String value, String why) {
    return new ConfigurationException(
        LEAD_DAYS_SETTING + ": '" + value.strip() + "': must be " + why + ", e.g. 30");
  }
}
