package io.cityflow.cases.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.cityflow.cases.AttachmentStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 attachment store against S3Mock, in process. */
class S3AttachmentStoreIT {
  @RegisterExtension
  static final S3MockExtension S3 =
      (S3MockExtension)
          S3MockExtension.builder()
              .silent()
              .withSecureConnection(false)
              .withHttpPort(0)
              .withInitialBuckets("attachments")
              .build();

  private static S3Client client() {
    return S3Client.builder()
        .region(Region.of("cn-northwest-1"))
        .endpointOverride(URI.create("http://127.0.0.1:" + S3.getHttpPort()))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Test
  void storesAndReadsBackAnAttachmentUnderAKeyWithoutTheFileName() {
    // given
    S3Client s3 = client();
    AttachmentStore store = new S3AttachmentStore(s3, "attachments");
    byte[] pdf = "%PDF-1.7 test".getBytes(StandardCharsets.US_ASCII);
    UUID caseId = UUID.randomUUID();

    // when
    AttachmentStore.StoredAttachment stored =
        store.put(caseId, "../../etc/passwd.pdf", "application/pdf", pdf);

    // then
    // (under the prefix the deployment grants and keeps attachments for)
    assertThat(stored.key())
        .startsWith("attachments/cases/" + caseId + "/")
        .doesNotContain("passwd");
    assertThat(stored.fileName()).isEqualTo("passwd.pdf");
    assertThat(stored.size()).isEqualTo(pdf.length);
    assertThat(store.get(stored.key())).contains(pdf);
    // no encryption of its own is asked for, so the bucket's default (KMS) applies
    assertThat(s3.headObject(b -> b.bucket("attachments").key(stored.key())).serverSideEncryption())
        .isNull();
  }

  @Test
  void keepsACertificateUnderTheCertificatesPrefix() {
    S3Client s3 = client();
    AttachmentStore store = new S3AttachmentStore(s3, "attachments");
    byte[] pdf = "%PDF-1.7 certificate".getBytes(StandardCharsets.US_ASCII);
    UUID caseId = UUID.randomUUID();

    AttachmentStore.StoredAttachment stored =
        store.putCertificate(caseId, "YC-2026-000001-C.pdf", "application/pdf", pdf);

    assertThat(stored.key()).startsWith("certificates/cases/" + caseId + "/");
    assertThat(store.get(stored.key())).contains(pdf);
    assertThat(s3.headObject(b -> b.bucket("attachments").key(stored.key())).serverSideEncryption())
        .isNull();
  }

  @Test
  void anUnknownKeyIsEmpty() {
    AttachmentStore store = new S3AttachmentStore(client(), "attachments");
    assertThat(store.get("attachments/cases/none/none")).isEmpty();
  }
}
