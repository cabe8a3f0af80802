package io.cityflow.cases.certificate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Port: which certificates are due an expiry reminder, and the record that one was sent. */
public interface CertificateReminderStore {
  /**
   * Certificates neither revoked nor reminded whose last valid day lies between {@code first} and
   * {@code last} (both included), soonest first, at most {@code limit}.
   */
  List<Certificate> unremindedExpiringBetween(LocalDate first, LocalDate last, int limit);

  /**
   * Records that the holder was reminded, unless the certificate was reminded or revoked meanwhile;
   * takes part in the caller's transaction.
   *
   * @return false when it was reminded or revoked already (then nothing is changed)
   */
  boolean markReminded(String number, Instant at);
}
