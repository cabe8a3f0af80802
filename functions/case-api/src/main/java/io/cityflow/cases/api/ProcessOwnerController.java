package io.cityflow.cases.api;

import io.cityflow.cases.CaseNotFound;
import io.cityflow.cases.CaseRuleViolation;
import io.cityflow.cases.ProcessModels;
import io.cityflow.cases.api.MigrationResponses.MigrationPlanRequest;
import io.cityflow.cases.api.MigrationResponses.MigrationPlanResponse;
import io.cityflow.cases.api.MigrationResponses.MigrationRecordResponse;
import io.cityflow.cases.api.MigrationResponses.MigrationRunRequest;
import io.cityflow.cases.api.MigrationResponses.MigrationRunResponse;
import io.cityflow.cases.api.MigrationResponses.ModelElementsResponse;
import io.cityflow.cases.api.OwnerAndSupervisorResponses.DeployRequest;
import io.cityflow.cases.api.OwnerAndSupervisorResponses.ModelResponse;
import io.cityflow.cases.api.security.StaffPrincipals;
import io.cityflow.cases.camunda.ModelValidator;
import io.cityflow.cases.migration.ProcessMigrations;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Base64;
import java.util.List;

/**
 * Process owners: deployed models with versions and active instances; validate and deploy; move the
 * running instances of a version to a newer one (plan, batches, audit; ADR 0020).
 */
@Controller("/api/models")
@Secured({"PROCESS_OWNER", "ADMIN"})
@Tag(name = "Process owner")
@SecurityRequirement(name = "staff")
class ProcessOwnerController {
  private final ProcessModels models;
  private final ModelValidator validator;
  private final ProcessMigrations migrations;

  ProcessOwnerController(
      ProcessModels models, ModelValidator validator, ProcessMigrations migrations) {
    this.models = models;
    this.validator = validator;
    this.migrations = migrations;
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

  @Get("/{key}/elements")
  @Operation(
      summary = "The flow elements of one deployed process version",
      description =
          "Id, name, type (as a migration plan compares types: element type, and the event"
              + " definition for events) and the embedded subprocess each lies in: what an owner"
              + " maps renamed elements to. User tasks name their form and candidate groups,"
              + " boundary events the activity they are attached to.")
  ModelElementsResponse elements(@PathVariable long key) {
    ProcessModels.DeployedModel model =
        models.process(key).orElseThrow(() -> new CaseNotFound("process version " + key));
    return MigrationResponses.toResponse(model, models.elements(key));
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

  @Post("/{key}/migration-plan")
  @Operation(
      summary = "What moving the running instances of this version to a newer one would do",
      description =
          "Maps each element to the element of the same id and type in the target, unless the"
              + " request maps it; lists the elements running instances wait in, with counts and"
              + " what the engine will refuse. For instances that move it says what they keep (a"
              + " user task keeps its form and candidate groups until it completes) and which"
              + " boundary timers and subscriptions close or start afresh, as data and as"
              + " warnings. Changes nothing.")
  MigrationPlanResponse plan(@PathVariable long key, @Body @Valid MigrationPlanRequest request) {
    return MigrationResponses.toResponse(
        migrations.plan(key, request.targetKey(), MigrationResponses.toDomain(request.mappings())),
        ProcessMigrations.BATCH);
  }

  @Post("/{key}/migrations")
  @Operation(
      summary = "Move one batch of running instances of this version to a newer one",
      description =
          "Moves the selected instances, or else the next running instances after"
              + " afterInstanceKey, at most 25 per call, each on its own; records the batch."
              + " Call again with nextAfterInstanceKey while remaining is above 0.")
  MigrationRunResponse migrate(
      @PathVariable long key, @Body @Valid MigrationRunRequest request, Authentication user) {
    return MigrationResponses.toResponse(
        migrations.run(
            StaffPrincipals.from(user).username(),
            key,
            request.targetKey(),
            MigrationResponses.toDomain(request.mappings()),
            request.instanceKeys(),
            request.afterInstanceKey()));
  }

  @Get("/migrations{?limit}")
  @Operation(summary = "The latest migration batches, newest first, with their results")
  List<MigrationRecordResponse> history(@QueryValue(defaultValue = "20") int limit) {
    return migrations.history(limit).stream().map(MigrationResponses::toResponse).toList();
  }

  private static ModelResponse toResponse(ProcessModels.DeployedModel m) {
    return new ModelResponse(
        m.key(), m.id(), m.name(), m.version(), m.resourceName(), m.activeInstances());
  }
}
