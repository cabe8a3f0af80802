package io.cityflow.cases.api;

import io.cityflow.cases.CaseNotFound;
import io.cityflow.cases.CaseRuleViolation;
import io.cityflow.cases.ProcessModels;
import io.cityflow.cases.api.OwnerAndSupervisorResponses.DeployRequest;
import io.cityflow.cases.api.OwnerAndSupervisorResponses.ModelResponse;
import io.cityflow.cases.camunda.ModelValidator;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Base64;
import java.util.List;

/** Process owners: deployed models with versions and active instances; validate and deploy. */
@Controller("/api/models")
@Secured({"PROCESS_OWNER", "ADMIN"})
@Tag(name = "Process owner")
@SecurityRequirement(name = "staff")
class ProcessOwnerController {
  private final ProcessModels models;
  private final ModelValidator validator;

  ProcessOwnerController(ProcessModels models, ModelValidator validator) {
    this.models = models;
    this.validator = validator;
  }

  @Get
  @Operation(summary = "Deployed process versions with their active instances")
  List<ModelResponse> list() {
    return models.models().stream().map(ProcessOwnerController::toResponse).toList();
  }

  @Get("/{key}/xml")
  @Produces(MediaType.APPLICATION_XML)
  @Operation(summary = "The BPMN XML of one deployed version")
  String xml(@PathVariable long key) {
    return models.xml(key).orElseThrow(() -> new CaseNotFound("model " + key));
  }

  @Post
  @Operation(summary = "Validate, then deploy a .bpmn, .dmn or .form file")
  HttpResponse<List<ModelResponse>> deploy(@Body @Valid DeployRequest request) {
    byte[] content;
    try {
      content = Base64.getMimeDecoder().decode(request.contentBase64());
    } catch (IllegalArgumentException e) {
      throw new CaseRuleViolation("contentBase64", "the content is not base64");
    }
    validator.check(request.fileName(), content);
    return HttpResponse.created(
        models.deploy(request.fileName(), content).stream()
            .map(ProcessOwnerController::toResponse)
            .toList());
  }

  private static ModelResponse toResponse(ProcessModels.DeployedModel m) {
    return new ModelResponse(
        m.key(), m.id(), m.name(), m.version(), m.resourceName(), m.activeInstances());
  }
}
