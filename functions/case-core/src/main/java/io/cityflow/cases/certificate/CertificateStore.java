package io.cityflow.cases.certificate;

import java.util.Optional;
import java.util.UUID;

/** Port: issued certificates, found by case or by the hash of their verification code. */
public interface CertificateStore {
  /** Stores a new certificate; takes part in the caller's transaction. */
  void insert(Certificate certificate, String codeHash);

  Optional<Certificate> findByCase(UUID caseId);

  Optional<Certificate> findByCodeHash(String codeHash);
}
