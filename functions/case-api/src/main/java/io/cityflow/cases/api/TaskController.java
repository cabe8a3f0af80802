package io.cityflow.cases.api;

import io.cityflow.cases.CaseType;
import io.cityflow.cases.ClerkTask;
import io.cityflow.cases.ClerkTasks;
import io.cityflow.cases.TaskPage;
import io.cityflow.cases.TaskQuery;
import io.cityflow.cases.api.TaskResponses.CompleteTaskRequest;
import io.cityflow.cases.api.TaskResponses.TaskPageResponse;
import io.cityflow.cases.api.TaskResponses.TaskResponse;
import io.cityflow.cases.api.security.StaffPrincipals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;

/** The clerk's task list: the engine's user tasks of their departments joined with the cases. */
@Controller("/api/staff/tasks")
@Secured({"CLERK", "SUPERVISOR", "ADMIN"})
@Tag(name = "Clerk")
@SecurityRequirement(name = "staff")
class TaskController {
  private final ClerkTasks tasks;
  private final Clock clock;

  TaskController(ClerkTasks tasks, Clock clock) {
    this.tasks = tasks;
    this.clock = clock;
  }

  @Get
  @Operation(summary = "Open tasks of my departments, sorted by due date, paged")
  TaskPageResponse list(
      @QueryValue @Nullable @Size(max = 40) String department,
      @QueryValue(defaultValue = "false") boolean mine,
      @QueryValue(defaultValue = "false") boolean overdue,
      @QueryValue(defaultValue = "false") boolean dueSoon,
      @QueryValue
          @Nullable
          @Pattern(
              regexp =
                  "HOTLINE_TICKET|APPROVAL_APPLICATION|COMMUNITY_SERVICE_REQUEST|DEVICE_MAINTENANCE",
              message = "must be a case type")
          String caseType,
      @QueryValue @Nullable @Size(max = 100) String q,
      @QueryValue(defaultValue = "0") @Min(0) int page,
      @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size,
      Authentication authentication) {
    TaskPage result =
        tasks.list(
            StaffPrincipals.from(authentication),
            new TaskQuery(
                department,
                mine,
                overdue,
                dueSoon,
                caseType == null ? null : CaseType.valueOf(caseType),
                q,
                page,
                size));
    return new TaskPageResponse(
        result.items().stream().map(this::toResponse).toList(),
        result.page(),
        result.size(),
        result.total());
  }

  @Post("/{taskKey}/claim")
  @Operation(summary = "Claim a task")
  TaskResponse claim(@PathVariable long taskKey, Authentication authentication) {
    return toResponse(tasks.claim(StaffPrincipals.from(authentication), taskKey));
  }

  @Post("/{taskKey}/unclaim")
  @Operation(summary = "Release a claimed task")
  TaskResponse unclaim(@PathVariable long taskKey, Authentication authentication) {
    return toResponse(tasks.unclaim(StaffPrincipals.from(authentication), taskKey));
  }

  @Post("/{taskKey}/complete")
  @Operation(summary = "Complete a claimed task with its form data (checked against the form)")
  TaskResponse complete(
      @PathVariable long taskKey,
      @Body @Valid CompleteTaskRequest request,
      Authentication authentication) {
    return toResponse(
        tasks.complete(StaffPrincipals.from(authentication), taskKey, request.variables()));
  }

  private TaskResponse toResponse(ClerkTask row) {
    var t = row.task();
    var c = row.caseFile();
    return new TaskResponse(
        t.key(),
        t.name(),
        t.elementId(),
        t.processId(),
        t.assignee(),
        t.candidateGroups(),
        t.createdAt(),
        c.reference().toString(),
        c.type().name(),
        c.subject(),
        c.status().name(),
        c.priority().name(),
        c.leadDepartment(),
        c.slaDueAt(),
        c.isOverdue(clock.instant()),
        c.contact().masked().name());
  }
}
