package io.cityflow.cases.api;

import io.cityflow.cases.CaseIntake;
import io.cityflow.cases.CaseRuleViolation;
import io.cityflow.cases.CitizenCases;
import io.cityflow.cases.FormRejected;
import io.cityflow.cases.NewAttachment;
import io.cityflow.cases.SubmissionReceipt;
import io.cityflow.cases.SubmitCase;
import io.cityflow.cases.api.CitizenRequests.AttachmentUpload;
import io.cityflow.cases.api.CitizenRequests.InformationRequest;
import io.cityflow.cases.api.CitizenRequests.RatingRequest;
import io.cityflow.cases.api.CitizenRequests.SubmitCaseRequest;
import io.cityflow.cases.api.CitizenResponses.CitizenCaseResponse;
import io.cityflow.cases.api.CitizenResponses.SubmitCaseResponse;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

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
  private final Validator validator;

  CitizenCaseController(
      CaseIntake intake,
      CitizenCases citizenCases,
      CaseApiMapper mapper,
      JsonMapper json,
      Validator validator) {
    this.intake = intake;
    this.citizenCases = citizenCases;
    this.mapper = mapper;
    this.json = json;
    this.validator = validator;
  }

  @Post
  @Operation(
      summary = "Submit a case",
      description =
          "Repeating the request with the same Idempotency-Key (within 24 hours) returns the same"
              + " answer and creates nothing; the same key with a different request is a 409."
              + " The data is checked against the start form of the case type.")
  HttpResponse<SubmitCaseResponse> submit(
      @Header(IDEMPOTENCY_KEY) @NotBlank @Size(min = 8, max = 200) String idempotencyKey,
      @Body @Valid SubmitCaseRequest request) {
    return submitWithFiles(idempotencyKey, request, decode(request.attachments()));
  }

  @Post(consumes = MediaType.MULTIPART_FORM_DATA)
  @Operation(
      summary = "Submit a case with documents or photos",
      description =
          "Part `case`: the case as JSON (as for application/json); parts `attachments`: up to 5"
              + " PDF, PNG or JPEG files of at most 5 MiB each, typed by their content.")
  CompletableFuture<HttpResponse<SubmitCaseResponse>> submitMultipart(
      @Header(IDEMPOTENCY_KEY) @NotBlank @Size(min = 8, max = 200) String idempotencyKey,
      @Body MultipartBody body) {
    return MultipartForm.read(body)
        .thenApply(
            form -> {
              SubmitCaseRequest request = parseCase(form.text("case"));
              List<NewAttachment> files = new ArrayList<>(decode(request.attachments()));
              files.addAll(uploads(form.files("attachments")));
              return submitWithFiles(idempotencyKey, request, files);
            });
  }

  private HttpResponse<SubmitCaseResponse> submitWithFiles(
      String idempotencyKey, SubmitCaseRequest request, List<NewAttachment> files) {
    Map<String, Object> formData = request.formData() == null ? Map.of() : request.formData();
    String formJson = write(formData);
    if (formJson.length() > 20_000) {
      throw new CaseRuleViolation("formData", "the form data may be at most 20000 characters");
    }
    StringBuilder canonical = new StringBuilder(write(request));
    files.forEach(
        f -> canonical.append('\n').append(f.fileName()).append(':').append(sha256(f.content())));
    String requestHash = sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
    SubmitCase submission = mapper.toDomain(request, formJson);
    SubmissionReceipt receipt;
    try {
      receipt = intake.submitForm(idempotencyKey, requestHash, submission, formData, files);
    } catch (DataAccessException concurrentDuplicate) {
      // Two requests with one key raced: the loser's transaction rolled back; answer from the
      // winner's.
      receipt = intake.submitForm(idempotencyKey, requestHash, submission, formData, files);
    }
    SubmitCaseResponse response = mapper.toResponse(receipt);
    return HttpResponse.created(response, URI.create("/api/cases/" + response.reference()))
        .header("Idempotent-Replayed", String.valueOf(receipt.replayed()));
  }

  private SubmitCaseRequest parseCase(String caseJson) {
    if (caseJson == null || caseJson.isBlank()) {
      throw rejected("case", "the part \"case\" with the case as JSON is required");
    }
    SubmitCaseRequest request;
    try {
      request = json.readValue(caseJson, SubmitCaseRequest.class);
    } catch (IOException e) {
      throw rejected("case", "the part \"case\" is not a case in JSON");
    }
    List<CaseRuleViolation> problems =
        validator.validate(request).stream()
            .map(v -> new CaseRuleViolation(v.getPropertyPath().toString(), v.getMessage()))
            .sorted(Comparator.comparing(CaseRuleViolation::field))
            .toList();
    if (!problems.isEmpty()) {
      throw new FormRejected(problems);
    }
    return request;
  }

  private static List<NewAttachment> uploads(List<MultipartForm.Upload> files) {
    return files.stream().map(f -> new NewAttachment(f.fileName(), f.content())).toList();
  }

  private static FormRejected rejected(String field, String message) {
    return new FormRejected(List.of(new CaseRuleViolation(field, message)));
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
    return mapper.toCitizenResponse(
        citizenCases.provideInformation(
            reference, trackingCode, request.text(), decode(request.attachments())));
  }

  private static List<NewAttachment> decode(List<AttachmentUpload> uploads) {
    List<NewAttachment> files = new ArrayList<>();
    if (uploads == null) {
      return files;
    }
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
    return files;
  }

  @Post(value = "/{reference}/information", consumes = MediaType.MULTIPART_FORM_DATA)
  @Operation(
      summary = "Answer the request for more information, with files",
      description = "Part `text`: the answer; parts `attachments`: up to 5 PDF, PNG or JPEG files.")
  CompletableFuture<CitizenCaseResponse> provideInformationMultipart(
      @PathVariable String reference,
      @Header(TRACKING_CODE) @Size(max = 40) String trackingCode,
      @Body MultipartBody body) {
    return MultipartForm.read(body)
        .thenApply(
            form -> {
              String text = form.fields().get("text");
              if (text == null || text.isBlank() || text.length() > 4000) {
                throw rejected("text", "the answer is required, at most 4000 characters");
              }
              return mapper.toCitizenResponse(
                  citizenCases.provideInformation(
                      reference, trackingCode, text, uploads(form.files("attachments"))));
            });
  }

  @Get("/{reference}/attachments")
  @Operation(summary = "The files of the case")
  List<AttachmentResponse> attachments(
      @PathVariable String reference, @Header(TRACKING_CODE) @Size(max = 40) String trackingCode) {
    return citizenCases.attachments(reference, trackingCode).stream()
        .map(a -> AttachmentResponse.of(a, "citizen".equals(a.uploadedBy()) ? "you" : "city"))
        .toList();
  }

  @Get("/{reference}/attachments/{id}")
  @Operation(summary = "Download one file of the case")
  HttpResponse<byte[]> attachment(
      @PathVariable String reference,
      @PathVariable UUID id,
      @Header(TRACKING_CODE) @Size(max = 40) String trackingCode) {
    return AttachmentResponse.download(citizenCases.attachment(reference, trackingCode, id));
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

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
