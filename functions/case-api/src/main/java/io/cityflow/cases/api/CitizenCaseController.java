package io.cityflow.cases.api;

import io.cityflow.cases.CaseIntake;
import io.cityflow.cases.CaseRuleViolation;
import io.cityflow.cases.CitizenCases;
import io.cityflow.cases.NewAttachment;
import io.cityflow.cases.SubmissionReceipt;
import io.cityflow.cases.api.CitizenRequests.AttachmentUpload;
import io.cityflow.cases.api.CitizenRequests.InformationRequest;
import io.cityflow.cases.api.CitizenRequests.RatingRequest;
import io.cityflow.cases.api.CitizenRequests.SubmitCaseRequest;
import io.cityflow.cases.api.CitizenResponses.CitizenCaseResponse;
import io.cityflow.cases.api.CitizenResponses.SubmitCaseResponse;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Citizens, without an account: submit, track with reference + tracking code, answer, rate. */
@Controller("/api/cases")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Citizen")
class CitizenCaseController {
  static final String TRACKING_CODE = "X-Tracking-Code";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final CaseIntake intake;
  private final CitizenCases citizenCases;
  private final CaseApiMapper mapper;
  private final JsonMapper json;

  CitizenCaseController(
      CaseIntake intake, CitizenCases citizenCases, CaseApiMapper mapper, JsonMapper json) {
    this.intake = intake;
    this.citizenCases = citizenCases;
    this.mapper = mapper;
    this.json = json;
  }

  @Post
  @Operation(
      summary = "Submit a case",
      description =
          "Repeating the request with the same Idempotency-Key returns the same answer and"
              + " creates nothing; the same key with a different request is a 409.")
  HttpResponse<SubmitCaseResponse> submit(
      @Header(IDEMPOTENCY_KEY) @NotBlank @Size(min = 8, max = 200) String idempotencyKey,
      @Body @Valid SubmitCaseRequest request) {
    String formJson = write(request.formData() == null ? java.util.Map.of() : request.formData());
    if (formJson.length() > 20_000) {
      throw new CaseRuleViolation("formData", "the form data may be at most 20000 characters");
    }
    String requestHash = sha256(write(request));
    SubmissionReceipt receipt;
    try {
      receipt = intake.submit(idempotencyKey, requestHash, mapper.toDomain(request, formJson));
    } catch (DataAccessException concurrentDuplicate) {
      // Two requests with one key raced: the loser's transaction rolled back; answer from the
      // winner's.
      receipt = intake.submit(idempotencyKey, requestHash, mapper.toDomain(request, formJson));
    }
    SubmitCaseResponse body = mapper.toResponse(receipt);
    return HttpResponse.created(body, URI.create("/api/cases/" + body.reference()))
        .header("Idempotent-Replayed", String.valueOf(receipt.replayed()));
  }

  @Get("/{reference}")
  @Operation(summary = "Track a case with its reference and the tracking code")
  CitizenCaseResponse track(
      @PathVariable String reference, @Header(TRACKING_CODE) @Size(max = 40) String trackingCode) {
    return mapper.toCitizenResponse(citizenCases.track(reference, trackingCode));
  }

  @Post("/{reference}/information")
  @Operation(summary = "Answer the department's request for more information")
  CitizenCaseResponse provideInformation(
      @PathVariable String reference,
      @Header(TRACKING_CODE) @Size(max = 40) String trackingCode,
      @Body @Valid InformationRequest request) {
    List<NewAttachment> files = new ArrayList<>();
    List<AttachmentUpload> uploads =
        request.attachments() == null ? List.of() : request.attachments();
    for (int i = 0; i < uploads.size(); i++) {
      try {
        files.add(
            new NewAttachment(
                uploads.get(i).fileName(),
                Base64.getMimeDecoder().decode(uploads.get(i).contentBase64())));
      } catch (IllegalArgumentException e) {
        throw new CaseRuleViolation(
            "attachments[" + i + "].contentBase64", "the content is not base64");
      }
    }
    return mapper.toCitizenResponse(
        citizenCases.provideInformation(reference, trackingCode, request.text(), files));
  }

  @Post("/{reference}/rating")
  @Operation(summary = "Rate the outcome; an unhappy rating reopens a hotline ticket")
  CitizenCaseResponse rate(
      @PathVariable String reference,
      @Header(TRACKING_CODE) @Size(max = 40) String trackingCode,
      @Body @Valid RatingRequest request) {
    return mapper.toCitizenResponse(
        citizenCases.rate(reference, trackingCode, request.score(), request.comment()));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
