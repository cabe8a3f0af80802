package io.cityflow.cases.api;

import io.cityflow.cases.api.security.StaffPrincipals;
import io.cityflow.cases.certificate.Certificate;
import io.cityflow.cases.certificate.CertificateRevocations;
import io.cityflow.cases.certificate.CertificateRevocations.AlreadyRevoked;
import io.cityflow.cases.certificate.CertificateRevocations.NoCertificate;
import io.cityflow.cases.certificate.CertificateRevocations.StaffCertificate;
import io.cityflow.cases.certificate.CertificateStatus;
import io.cityflow.cases.certificate.Revocation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A case's permit certificate for staff, and its revocation (ADR 0022). Clerks, supervisors and
 * admins who may work on the case see it; a supervisor of the case's department or an admin revokes
 * it. Cases of other departments answer 404, like cases that do not exist.
 */
@Controller("/api/staff/cases/{reference}/certificate")
@Secured({"CLERK", "SUPERVISOR", "ADMIN"})
@Tag(name = "Clerk")
@SecurityRequirement(name = "staff")
class StaffCertificateController {
  private final CertificateRevocations certificates;
  private final ProblemResponses problems;

  StaffCertificateController(CertificateRevocations certificates, ProblemResponses problems) {
    this.certificates = certificates;
    this.problems = problems;
  }

  /** The reason is shown to anyone who checks the certificate: no personal data in it. */
  @Serdeable
  record RevocationRequest(
      @NotBlank @Size(max = CertificateRevocations.MAX_REASON) String reason) {}

  /** The certificate as staff see it; who revoked it is shown here, never publicly. */
  @Serdeable
  record StaffCertificateResponse(
      String certificateNumber,
      String permitType,
      String applicantName,
      LocalDate issuedOn,
      Instant issuedAt,
      @Nullable String issuer,
      @Nullable LocalDate validUntil,
      CertificateStatus status,
      @Nullable LocalDate revokedOn,
      @Nullable Instant revokedAt,
      @Nullable String revokedBy,
      @Nullable String revocationReason) {

    static StaffCertificateResponse of(StaffCertificate view) {
      Certificate c = view.certificate();
      Revocation r = c.revocation();
      return new StaffCertificateResponse(
          c.number(),
          c.permitType(),
          c.applicantName(),
          c.decisionDate(),
          c.issuedAt(),
          c.issuer(),
          c.validUntil(),
          view.status(),
          view.revokedOn(),
          r == null ? null : r.revokedAt(),
          r == null ? null : r.revokedBy(),
          r == null ? null : r.reason());
    }
  }

  @Get
  @Operation(
      summary = "The certificate of a case",
      description = "404 when the case has no certificate (field certificate).")
  StaffCertificateResponse certificate(
      @PathVariable String reference, Authentication authentication) {
    return StaffCertificateResponse.of(
        certificates.forCase(StaffPrincipals.from(authentication), reference));
  }

  @Post("/revocation")
  @Operation(
      summary = "Revoke the certificate of a case, with a reason the public check shows",
      description =
          "Supervisors of the case's department and admins only (403 for others). A certificate"
              + " is revoked once: revoking again is a 409 and changes nothing. The revocation is"
              + " noted on the case's timeline.")
  StaffCertificateResponse revoke(
      @PathVariable String reference,
      @Body @Valid RevocationRequest request,
      Authentication authentication) {
    return StaffCertificateResponse.of(
        certificates.revoke(StaffPrincipals.from(authentication), reference, request.reason()));
  }

  @Error(exception = NoCertificate.class)
  HttpResponse<?> noCertificate(HttpRequest<?> request, NoCertificate e) {
    return problems.respond(request, HttpStatus.NOT_FOUND, "certificate", e.getMessage());
  }

  @Error(exception = AlreadyRevoked.class)
  HttpResponse<?> alreadyRevoked(HttpRequest<?> request, AlreadyRevoked e) {
    return problems.respond(request, HttpStatus.CONFLICT, "certificate", e.getMessage());
  }
}
