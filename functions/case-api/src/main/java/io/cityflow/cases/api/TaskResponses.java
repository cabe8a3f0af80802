package io.cityflow.cases.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The clerk's task list. Contacts are masked here; the case detail shows them in full. */
public final class TaskResponses {
  private TaskResponses() {}

  @Serdeable
  public record TaskResponse(
      long taskKey,
      String name,
      String elementId,
      String processId,
      @Nullable String assignee,
      List<String> candidateGroups,
      @Nullable Instant createdAt,
      String caseReference,
      String caseType,
      String subject,
      String status,
      String priority,
      @Nullable String department,
      @Nullable Instant slaDueAt,
      boolean overdue,
      String contactName) {}

  @Serdeable
  public record TaskPageResponse(List<TaskResponse> items, int page, int size, long total) {}

  @Serdeable
  public record CompleteTaskRequest(@NotNull Map<String, Object> variables) {}
}
