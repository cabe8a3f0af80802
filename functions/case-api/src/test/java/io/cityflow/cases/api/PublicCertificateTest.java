package io.cityflow.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.certificate.Certificate;
import io.cityflow.cases.certificate.CertificateStore;
import io.cityflow.cases.certificate.VerificationCodes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Anyone checks a certificate by its printed code, without an account and without contact data. */
@MicronautTest(transactional = false)
class PublicCertificateTest {
  @Inject
  @Client("/")
  HttpClient client;

  @Inject CaseStore cases;
  @Inject CertificateStore certificates;

  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(client.toBlocking());
  }

  /**
   * A case with a certificate issued for it, as the workers' job left it before issuer and validity
   * were recorded (ADR 0022).
   */
  private Certificate issued(String code) {
    Api.Reply submitted = api.submit(Api.hotlineTicket("water"));
    String reference = (String) submitted.body().get("reference");
    CityCase c = cases.findByReference(CaseReference.parse(reference)).orElseThrow();
    Certificate certificate =
        new Certificate(
            reference + "-C",
            c.id(),
            reference,
            "李娜",
            "tree-felling",
            LocalDate.of(2026, 3, 2),
            "certificates/" + c.id() + "/doc",
            Instant.parse("2026-03-02T08:00:00Z"),
            null,
            null,
            null);
    certificates.insert(certificate, VerificationCodes.hash(code));
    return certificate;
  }

  @Test
  void aGenuineCodeAnswersWhatThePaperShouldSay() {
    // given
    String code = VerificationCodes.generate();
    Certificate certificate = issued(code);

    // when the code is typed in lower case (as people do)
    Api.Reply reply = api.send(HttpRequest.GET("/api/public/certificates/" + code.toLowerCase()));

    // then
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body())
        .containsEntry("certificateNumber", certificate.number())
        .containsEntry("permitType", "tree-felling")
        .containsEntry("applicantName", "李*")
        .containsEntry("issuedOn", "2026-03-02")
        .containsEntry("status", "VALID")
        .doesNotContainKeys("phone", "email", "caseId", "documentKey");
    // issued before issuer and validity were recorded (ADR 0022): no issuer, no expiry
    assertThat(reply.body()).doesNotContainKeys("issuer", "validUntil", "revokedOn");
  }

  @Test
  void anUnknownCodeIsAProblem404NamingTheCode() {
    issued(VerificationCodes.generate());

    Api.Reply reply = api.send(HttpRequest.GET("/api/public/certificates/AAAA-BBBB-CCCC-DDDD"));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.body()).containsEntry("field", "code");
  }
}
