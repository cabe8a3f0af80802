package io.cityflow.cases.api;

import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.Directory;
import io.cityflow.cases.NoticeLanguage;
import io.cityflow.cases.StaffCases;
import io.cityflow.cases.StaffPrincipal;
import io.cityflow.cases.api.StaffRequests.CommentRequest;
import io.cityflow.cases.api.StaffRequests.InformationRequestRequest;
import io.cityflow.cases.api.StaffRequests.NoticeLanguageRequest;
import io.cityflow.cases.api.StaffRequests.ResolutionRequest;
import io.cityflow.cases.api.StaffRequests.StatusChangeRequest;
import io.cityflow.cases.api.StaffRequests.TransferRequest;
import io.cityflow.cases.api.StaffResponses.DepartmentResponse;
import io.cityflow.cases.api.StaffResponses.MeResponse;
import io.cityflow.cases.api.StaffResponses.StaffCaseResponse;
import io.cityflow.cases.api.security.StaffPrincipals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
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
  private final ProblemResponses problems;
  private final JsonMapper json;

  StaffCaseController(
      StaffCases staffCases,
      Directory directory,
      CaseApiMapper mapper,
      ProblemResponses problems,
      JsonMapper json) {
    this.staffCases = staffCases;
    this.directory = directory;
    this.mapper = mapper;
    this.problems = problems;
    this.json = json;
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

  @Put("/cases/{reference}/language")
  @Operation(
      summary = "Set the language the citizen gets notices in",
      description =
          "{\"language\": \"zh-CN\"} or {\"language\": \"en\"}, e.g. when the citizen asks on"
              + " the phone (docs/adr/0023). Anything else is a 400 naming language. The change"
              + " goes on the timeline, visible to the citizen; setting the case's language again"
              + " changes nothing.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NoticeLanguageRequest.class)))
  @ApiResponse(
      responseCode = "200",
      description = "The case with its timeline",
      content = @Content(schema = @Schema(implementation = StaffCaseResponse.class)))
  HttpResponse<?> changeNoticeLanguage(
      HttpRequest<?> request,
      @PathVariable String reference,
      @Body @Nullable String body,
      Authentication authentication) {
    // Read by hand: the usual binding takes ["en"] for "en" and names no field for broken JSON.
    Optional<NoticeLanguage> language = noticeLanguageOf(body);
    if (language.isEmpty()) {
      return problems.respond(
          request,
          HttpStatus.BAD_REQUEST,
          "language",
          "must be {\"language\": \"zh-CN\"} or {\"language\": \"en\"}");
    }
    return HttpResponse.ok(
        mapper.toStaffResponse(
            staffCases.changeNoticeLanguage(
                StaffPrincipals.from(authentication), reference, language.get())));
  }

  /** The language of a body {@code {"language": "zh-CN" | "en"}}, or empty for anything else. */
  private Optional<NoticeLanguage> noticeLanguageOf(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    JsonNode request;
    try {
      request = json.readValue(body, JsonNode.class);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    JsonNode language = request != null && request.isObject() ? request.get("language") : null;
    return language != null && language.isString()
        ? NoticeLanguage.ofTag(language.getStringValue())
        : Optional.empty();
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
