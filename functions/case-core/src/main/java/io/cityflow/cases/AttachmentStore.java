package io.cityflow.cases;

import java.util.Optional;
import java.util.UUID;

/** Port: files that citizens and staff attach to cases (local directory or S3). */
public interface AttachmentStore {
  /** Stores the content under a new key and returns where it is. */
  StoredAttachment put(UUID caseId, String fileName, String contentType, byte[] content);

  /**
   * Stores an issued certificate's document under a new key. Certificates are kept apart from
   * uploads: a deployment grants writing them to the workers only and keeps them longer.
   */
  StoredAttachment putCertificate(UUID caseId, String fileName, String contentType, byte[] content);

  Optional<byte[]> get(String key);

  /** A stored file. */
  record StoredAttachment(String key, String fileName, String contentType, long size) {}
}
