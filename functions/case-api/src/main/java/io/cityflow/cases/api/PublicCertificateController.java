package io.cityflow.cases.api;

import io.cityflow.cases.certificate.CertificateStatus;
import io.cityflow.cases.certificate.CertificateVerification;
import io.cityflow.cases.certificate.VerificationCodes;
import io.micronaut.core.annotation.Nullable;
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

/**
 * Anyone holding a permit certificate can check it is genuine, and whether it still holds, by the
 * code printed on it (ADR 0021, ADR 0022).
 */
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

  /**
   * What the paper should say and whether it holds; the applicant's name is masked, contact data
   * and who revoked it are never shown. Absent fields (nulls are left out): {@code issuer} when
   * none was recorded, {@code validUntil} when it does not expire, {@code revokedOn} and {@code
   * revocationReason} unless revoked.
   */
  @Serdeable
  record VerifiedCertificate(
      String certificateNumber,
      String permitType,
      String applicantName,
      LocalDate issuedOn,
      @Nullable String issuer,
      @Nullable LocalDate validUntil,
      CertificateStatus status,
      @Nullable LocalDate revokedOn,
      @Nullable String revocationReason) {}

  @Get("/{code}")
  @Operation(
      summary = "Check a certificate",
      description =
          "The verification code printed on the certificate (case, dashes and spaces do not"
              + " matter). status is VALID, EXPIRED (after validUntil) or REVOKED (with revokedOn"
              + " and revocationReason). A text that cannot be a code is a 400, a code no"
              + " certificate has a 404.")
  HttpResponse<?> verify(HttpRequest<?> request, @PathVariable @Size(max = 40) String code) {
    if (!VerificationCodes.isWellFormed(code)) {
      return problems.respond(
          request,
          HttpStatus.BAD_REQUEST,
          "code",
          "a verification code is 16 letters and digits without 0, O, 1, I or L");
    }
    return verification
        .verify(code)
        .<HttpResponse<?>>map(
            v ->
                HttpResponse.ok(
                    new VerifiedCertificate(
                        v.number(),
                        v.permitType(),
                        v.applicantNameMasked(),
                        v.decisionDate(),
                        v.issuer(),
                        v.validUntil(),
                        v.status(),
                        v.revokedOn(),
                        v.revocationReason())))
        .orElseGet(
            () ->
                problems.respond(
                    request, HttpStatus.NOT_FOUND, "code", "no certificate has this code"));
  }
}
