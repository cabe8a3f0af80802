package io.cityflow.cases.certificate;

/** Port: records the withdrawal of an issued certificate. */
public interface CertificateRevocationStore {
  /**
   * Marks the certificate revoked unless it already is; takes part in the caller's transaction.
   *
   * @return false when it was revoked already (then nothing is changed)
   */
  boolean revoke(String number, Revocation revocation);
}
