package io.cityflow.cases.api;

import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.Directory;
import io.cityflow.cases.StaffCases;
import io.cityflow.cases.StaffPrincipal;
import io.cityflow.cases.api.StaffRequests.CommentRequest;
import io.cityflow.cases.api.StaffRequests.InformationRequestRequest;
import io.cityflow.cases.api.StaffRequests.ResolutionRequest;
import io.cityflow.cases.api.StaffRequests.StatusChangeRequest;
import io.cityflow.cases.api.StaffRequests.TransferRequest;
import io.cityflow.cases.api.StaffResponses.DepartmentResponse;
import io.cityflow.cases.api.StaffResponses.MeResponse;
import io.cityflow.cases.api.StaffResponses.StaffCaseResponse;
import io.cityflow.cases.api.security.StaffPrincipals;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;

/**
 * Case work for clerks and supervisors of the case's departments (and admins). Cases of other
 * departments answer 404, exactly like cases that do not exist.
 */
@Controller("/api/staff")
@Secured({"CLERK", "SUPERVISOR", "ADMIN"})
@Tag(name = "Clerk")
@SecurityRequirement(name = "staff")
class StaffCaseController {
  private final StaffCases staffCases;
  private final Directory directory;
  private final CaseApiMapper mapper;

  StaffCaseController(StaffCases staffCases, Directory directory, CaseApiMapper mapper) {
    this.staffCases = staffCases;
    this.directory = directory;
    this.mapper = mapper;
  }

  @Get("/me")
  @Secured({"CLERK", "SUPERVISOR", "ADMIN", "PROCESS_OWNER"})
  @Operation(summary = "Who the token says I am")
  MeResponse me(Authentication authentication) {
    StaffPrincipal p = StaffPrincipals.from(authentication);
    return new MeResponse(
        p.username(),
        p.roles().stream().map(Enum::name).sorted().toList(),
        p.departments().stream().sorted().toList());
  }

  @Get("/departments")
  @Secured({"CLERK", "SUPERVISOR", "ADMIN", "PROCESS_OWNER"})
  @Operation(summary = "The departments directory (transfer targets)")
  List<DepartmentResponse> departments() {
    return directory.departments().stream().map(mapper::toResponse).toList();
  }

  @Get("/cases/{reference}")
  @Operation(summary = "A case with its full timeline")
  StaffCaseResponse detail(@PathVariable String reference, Authentication authentication) {
    return mapper.toStaffResponse(
        staffCases.detail(StaffPrincipals.from(authentication), reference));
  }

  @Get("/cases/{reference}/attachments")
  @Operation(summary = "The files of a case")
  List<AttachmentResponse> attachments(
      @PathVariable String reference, Authentication authentication) {
    return staffCases.attachments(StaffPrincipals.from(authentication), reference).stream()
        .map(a -> AttachmentResponse.of(a, a.uploadedBy()))
        .toList();
  }

  @Get("/cases/{reference}/attachments/{id}")
  @Operation(summary = "Download one file of a case")
  HttpResponse<byte[]> attachment(
      @PathVariable String reference, @PathVariable UUID id, Authentication authentication) {
    return AttachmentResponse.download(
        staffCases.attachment(StaffPrincipals.from(authentication), reference, id));
  }

  @Post("/cases/{reference}/comments")
  @Operation(summary = "Comment on a case (internal unless visibleToCitizen)")
  StaffCaseResponse comment(
      @PathVariable String reference,
      @Body @Valid CommentRequest request,
      Authentication authentication) {
    return mapper.toStaffResponse(
        staffCases.comment(
            StaffPrincipals.from(authentication),
            reference,
            request.text(),
            Boolean.TRUE.equals(request.visibleToCitizen())));
  }

  @Post("/cases/{reference}/transfer")
  @Operation(summary = "Transfer a case to another department, with a reason")
  StaffCaseResponse transfer(
      @PathVariable String reference,
      @Body @Valid TransferRequest request,
      Authentication authentication) {
    return mapper.toStaffResponse(
        staffCases.transfer(
            StaffPrincipals.from(authentication),
            reference,
            request.toDepartment(),
            request.reason()));
  }

  @Post("/cases/{reference}/information-requests")
  @Operation(summary = "Ask the citizen for more information; the SLA clock pauses")
  StaffCaseResponse requestInformation(
      @PathVariable String reference,
      @Body @Valid InformationRequestRequest request,
      Authentication authentication) {
    return mapper.toStaffResponse(
        staffCases.requestInformation(
            StaffPrincipals.from(authentication), reference, request.question()));
  }

  @Post("/cases/{reference}/resolution")
  @Operation(summary = "Resolve a case with its outcome and reason")
  StaffCaseResponse resolve(
      @PathVariable String reference,
      @Body @Valid ResolutionRequest request,
      Authentication authentication) {
    return mapper.toStaffResponse(
        staffCases.resolve(
            StaffPrincipals.from(authentication), reference, request.outcome(), request.reason()));
  }

  @Post("/cases/{reference}/status")
  @Operation(summary = "Move a case along its lifecycle (route, start work, reject, cancel)")
  StaffCaseResponse changeStatus(
      @PathVariable String reference,
      @Body @Valid StatusChangeRequest request,
      Authentication authentication) {
    return mapper.toStaffResponse(
        staffCases.changeStatus(
            StaffPrincipals.from(authentication),
            reference,
            CaseStatus.valueOf(request.status()),
            request.reason()));
  }
}
