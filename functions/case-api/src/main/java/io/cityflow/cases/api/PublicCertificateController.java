package io.cityflow.cases.api;

import io.cityflow.cases.certificate.CertificateVerification;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** Anyone holding a permit certificate can check it is genuine by the code printed on it. */
@Controller("/api/public/certificates")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Public")
class PublicCertificateController {
  private final CertificateVerification verification;
  private final ProblemResponses problems;

  PublicCertificateController(CertificateVerification verification, ProblemResponses problems) {
    this.verification = verification;
    this.problems = problems;
  }

  /** What the paper should say; the applicant's name is masked, contact data is never shown. */
  @Serdeable
  record VerifiedCertificate(
      String certificateNumber, String permitType, String applicantName, LocalDate issuedOn) {}

  @Get("/{code}")
  @Operation(
      summary = "Check a certificate",
      description =
          "The verification code printed on the certificate (case, dashes and spaces do not"
              + " matter). A code no certificate has is a 404.")
  HttpResponse<?> verify(HttpRequest<?> request, @PathVariable @Size(max = 40) String code) {
    return verification
        .verify(code)
        .<HttpResponse<?>>map(
            v ->
                HttpResponse.ok(
                    new VerifiedCertificate(
                        v.number(), v.permitType(), v.applicantNameMasked(), v.decisionDate())))
        .orElseGet(
            () ->
                problems.respond(
                    request, HttpStatus.NOT_FOUND, "code", "no certificate has this code"));
  }
}
