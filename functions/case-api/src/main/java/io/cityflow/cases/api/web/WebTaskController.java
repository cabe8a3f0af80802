package io.cityflow.cases.api.web;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.cityflow.cases.CaseAccessPolicy;
import io.cityflow.cases.CaseNotFound;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.StaffPrincipal;
import io.cityflow.cases.StaffRole;
import io.cityflow.cases.TaskEngine;
import io.cityflow.cases.TaskEngine.EngineTask;
import io.cityflow.cases.api.security.StaffPrincipals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task for the clerk's task page: the task, its case reference, its Camunda form (the schema
 * the engine links to the task, for form-js) and the process variables the form shows. Tasks of
 * other departments answer 404, like tasks that do not exist.
 */
@Controller("/api/web/tasks")
@Secured({"CLERK", "SUPERVISOR", "ADMIN"})
@Tag(name = "Web pages")
@SecurityRequirement(name = "staff")
class WebTaskController {
  private static final int NOT_FOUND = 404;
  private static final int MAX_VARIABLES = 200;

  private final TaskEngine engine;
  private final CaseStore cases;
  private final CamundaClient client;
  private final JsonMapper json;

  WebTaskController(TaskEngine engine, CaseStore cases, CamundaClient client, JsonMapper json) {
    this.engine = engine;
    this.cases = cases;
    this.client = client;
    this.json = json;
  }

  /** What the task page needs to render the task. */
  @Serdeable
  record TaskPageResponse(
      long taskKey,
      String name,
      @Nullable String assignee,
      String caseReference,
      @Nullable String formId,
      @Nullable String schema,
      Map<String, Object> variables) {}

  @Get("/{taskKey}")
  @Operation(summary = "A task with its form schema and variables, for the task page")
  TaskPageResponse task(@PathVariable long taskKey, Authentication authentication) {
    StaffPrincipal staff = StaffPrincipals.from(authentication);
    EngineTask task =
        engine
            .task(taskKey)
            .filter(EngineTask::open)
            .orElseThrow(() -> new CaseNotFound("task " + taskKey));
    CityCase c =
        cases.findByProcessInstanceKeys(List.of(task.processInstanceKey())).stream()
            .findFirst()
            .orElseThrow(() -> new CaseNotFound("task " + taskKey));
    boolean coversTask =
        staff.has(StaffRole.ADMIN)
            || task.candidateGroups().stream().anyMatch(staff.departments()::contains);
    if (!coversTask || !CaseAccessPolicy.mayWork(staff, c)) {
      throw new CaseNotFound("task " + taskKey);
    }
    String formId = null;
    String schema = null;
    try {
      var form = client.newUserTaskGetFormRequest(taskKey).send().join();
      if (form != null) {
        formId = form.getFormId();
        schema = form.getSchema();
      }
    } catch (ClientHttpException e) {
      if (e.code() != NOT_FOUND) {
        throw e;
      }
    }
    return new TaskPageResponse(
        task.key(),
        task.name(),
        task.assignee(),
        c.reference().toString(),
        formId,
        schema,
        variables(task.processInstanceKey()));
  }

  /** The process instance's own variables (not truncated ones), parsed from their JSON values. */
  private Map<String, Object> variables(long processInstanceKey) {
    Map<String, Object> values = new LinkedHashMap<>();
    var found =
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(processInstanceKey).scopeKey(processInstanceKey))
            .page(p -> p.limit(MAX_VARIABLES))
            .send()
            .join()
            .items();
    for (var v : found) {
      if (Boolean.TRUE.equals(v.isTruncated()) || v.getValue() == null) {
        continue;
      }
      try {
        values.put(v.getName(), json.readValue(v.getValue(), Argument.OBJECT_ARGUMENT));
      } catch (IOException e) {
        // Not JSON (the engine always stores JSON, so this is a foreign value): show it as text.
        values.put(v.getName(), v.getValue());
      }
    }
    return values;
  }
}
