package io.cityflow.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Port: the workflow engine's user tasks (Camunda's user-task API, or a fake in tests). */
public interface TaskEngine {

  /** Open tasks whose candidate groups include any of {@code groups}, oldest first. */
  List<EngineTask> openTasks(Set<String> groups, String assignee, int limit);

  Optional<EngineTask> task(long taskKey);

  /** The task's form, if it has one. */
  Optional<FormSchema> form(long taskKey);

  void assign(long taskKey, String assignee);

  void unassign(long taskKey);

  void complete(long taskKey, Map<String, Object> variables);

  /** An open (or just completed) user task as the engine reports it. */
  record EngineTask(
      long key,
      String name,
      String elementId,
      String processId,
      long processInstanceKey,
      List<String> candidateGroups,
      String assignee,
      Instant createdAt,
      Instant dueAt,
      boolean open) {
    public EngineTask {
      candidateGroups = candidateGroups == null ? List.of() : List.copyOf(candidateGroups);
    }
  }
}
