package io.cityflow.cases.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.CityCase;
import io.cityflow.cases.certificate.CertificatePolicy;
import io.cityflow.cases.certificate.CertificateRenderer;
import io.cityflow.cases.certificate.CertificateStatus;
import io.cityflow.cases.certificate.CertificateVerification;
import io.cityflow.cases.certificate.Certificates;
import io.cityflow.cases.certificate.VerificationCodes;
import io.cityflow.cases.testing.InMemoryCases;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IssueCertificateWorkerTest {
  static final String ISSUER = "Xingqing District Market Supervision Bureau";
  final InMemoryCases cases = new InMemoryCases();
  final WorkerFakes.Attachments attachments = new WorkerFakes.Attachments();
  final WorkerFakes.Catalog catalog = new WorkerFakes.Catalog();
  final WorkerFakes.Certificates store = new WorkerFakes.Certificates();
  final List<String> codesRendered = new ArrayList<>();
  final CertificateRenderer renderer =
      new CertificateRenderer() {
        @Override
        public String contentType() {
          return "text/plain";
        }

        @Override
        public byte[] render(io.cityflow.cases.certificate.Certificate c, String code) {
          codesRendered.add(code);
          return (c.number()
                  + " "
                  + c.applicantName()
                  + " "
                  + c.issuer()
                  + " "
                  + c.validUntil()
                  + " "
                  + code)
              .getBytes(StandardCharsets.UTF_8);
        }
      };
  final Certificates certificates =
      new Certificates(
          cases,
          store,
          renderer,
          attachments,
          catalog,
          cases,
          WorkerFakes.calendar(),
          WorkerFakes.clock(),
          new CertificatePolicy(ISSUER, "food-business-licence=36, *=none"));
  final CertificateVerification verification =
      new CertificateVerification(store, WorkerFakes.calendar(), WorkerFakes.clock());
  final IssueCertificateWorker worker = new IssueCertificateWorker(certificates);

  @Test
  void issuesStoresAndReturnsTheCertificateWhoseCodeVerifies() {
    // given
    CityCase c = cases.ticket("Li Na", "13800001234", "{}");

    // when
    Map<String, Object> out =
        worker.handle(
            new Job(
                1L,
                2L,
                "test-process",
                Map.of("caseId", c.id().toString(), "permitType", "food-business-licence")));

    // then
    assertThat(out).containsEntry("certificateNumber", c.reference() + "-C");
    String key = (String) out.get("certificateDocumentKey");
    String document = new String(attachments.get(key).orElseThrow(), StandardCharsets.UTF_8);
    String code = codesRendered.get(0);
    assertThat(document).contains(c.reference() + "-C", "Li Na", ISSUER, "2029-03-01", code);
    assertThat(store.byHash).containsOnlyKeys(VerificationCodes.hash(code));
    assertThat(catalog.forCase(c.id()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.storageKey()).isEqualTo(key);
              assertThat(a.fileName()).isEqualTo(c.reference() + "-C.pdf");
              assertThat(a.contentType()).isEqualTo("text/plain");
              assertThat(a.uploadedBy()).isEqualTo("workflow");
            });
    assertThat(verification.verify(code.toLowerCase()))
        .hasValueSatisfying(
            v -> {
              assertThat(v.number()).isEqualTo(c.reference() + "-C");
              assertThat(v.permitType()).isEqualTo("food-business-licence");
              assertThat(v.applicantNameMasked()).isEqualTo("L****");
              assertThat(v.decisionDate()).hasToString("2026-03-02");
              assertThat(v.issuer()).isEqualTo(ISSUER);
              assertThat(v.validUntil()).hasToString("2029-03-01");
              assertThat(v.status()).isEqualTo(CertificateStatus.VALID);
            });
    assertThat(verification.verify("AAAA-BBBB-CCCC-DDDD")).isEmpty();
  }

  @Test
  void aRetriedJobReturnsTheFirstCertificateAndRendersNothingNew() {
    CityCase c = cases.ticket("Li Na", "13800001234", "{}");
    Job job =
        new Job(
            1L,
            2L,
            "test-process",
            Map.of("caseId", c.id().toString(), "permitType", "tree-felling"));

    Map<String, Object> first = worker.handle(job);
    Map<String, Object> second = worker.handle(job);

    assertThat(second).isEqualTo(first);
    assertThat(codesRendered).hasSize(1);
    assertThat(store.byHash.values())
        .singleElement()
        .satisfies(
            issued -> {
              assertThat(issued.issuer()).isEqualTo(ISSUER);
              assertThat(issued.validUntil()).as("tree-felling falls under *=none").isNull();
            });
    assertThat(attachments.files).hasSize(1);
    assertThat(catalog.entries).hasSize(1);
  }
}
