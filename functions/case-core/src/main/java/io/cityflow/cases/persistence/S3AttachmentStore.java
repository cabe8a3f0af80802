package io.cityflow.cases.persistence;

import io.cityflow.cases.AttachmentStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Keeps attachments in an S3 bucket ({@code cityflow.attachments.store=s3}), under keys that never
 * contain the citizen's file name: uploads under {@code attachments/}, certificates under {@code
 * certificates/}, the prefixes the deployment grants access to and sets retention on. Objects get
 * the bucket's default encryption (KMS); asking for another here would be refused.
 */
@Singleton
@Requires(property = "cityflow.attachments.store", value = "s3")
public class S3AttachmentStore implements AttachmentStore {
  private final S3Client s3;
  private final String bucket;

  public S3AttachmentStore(
      @Value("${cityflow.attachments.s3.bucket}") String bucket,
      @Value("${cityflow.attachments.s3.region:cn-northwest-1}") String region,
      @Nullable @Value("${cityflow.attachments.s3.endpoint:}") String endpoint) {
    S3ClientBuilder builder =
        S3Client.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create());
    if (endpoint != null && !endpoint.isBlank()) {
      builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
    }
    this.s3 = builder.build();
    this.bucket = bucket;
  }

  /** For tests and callers that build their own client. */
  public S3AttachmentStore(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  @Override
  public StoredAttachment put(UUID caseId, String fileName, String contentType, byte[] content) {
    return write("attachments/cases/", caseId, fileName, contentType, content);
  }

  @Override
  public StoredAttachment putCertificate(
      UUID caseId, String fileName, String contentType, byte[] content) {
    return write("certificates/cases/", caseId, fileName, contentType, content);
  }

  private StoredAttachment write(
      String prefix, UUID caseId, String fileName, String contentType, byte[] content) {
    String key = prefix + caseId + "/" + UUID.randomUUID();
    s3.putObject(
        b ->
            b.bucket(bucket)
                .key(key)
                .contentType(contentType)
                .metadata(
                    java.util.Map.of(
                        "file-name", LocalDirectoryAttachmentStore.safeName(fileName))),
        RequestBody.fromBytes(content));
    return new StoredAttachment(
        key, LocalDirectoryAttachmentStore.safeName(fileName), contentType, content.length);
  }

  @Override
  public Optional<byte[]> get(String key) {
    try {
      return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  @PreDestroy
  void close() {
    s3.close();
  }
}
