package io.cityflow.cases.certificate;

/** What the public check says about a certificate on the register. */
public enum CertificateStatus {
  /** Issued, not revoked, and today is on or before its last valid day (or it has none). */
  VALID,
  /** Past its last valid day. */
  EXPIRED,
  /** Withdrawn by the city; takes precedence over expiry. */
  REVOKED
}
