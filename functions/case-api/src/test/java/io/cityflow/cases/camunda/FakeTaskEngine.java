package io.cityflow.cases.camunda;

import io.cityflow.cases.FormSchema;
import io.cityflow.cases.TaskEngine;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** User tasks in memory, standing in for the engine in the case API tests. */
@Singleton
@Replaces(CamundaTaskEngine.class)
public class FakeTaskEngine implements TaskEngine {
  private final AtomicLong keys = new AtomicLong(2_251_799_813_685_000L);
  private final Map<Long, EngineTask> tasks = new ConcurrentHashMap<>();
  private final Map<Long, FormSchema> forms = new ConcurrentHashMap<>();
  public final Map<Long, Map<String, Object>> completed = new ConcurrentHashMap<>();

  /** Opens a task for a process instance, as a user task element would. */
  public long open(long processInstanceKey, String name, String group, FormSchema form) {
    long key = keys.incrementAndGet();
    tasks.put(
        key,
        new EngineTask(
            key,
            name,
            "Task_" + name.replace(" ", ""),
            "hotline-ticket",
            processInstanceKey,
            List.of(group),
            null,
            Instant.now(),
            null,
            true));
    if (form != null) {
      forms.put(key, form);
    }
    return key;
  }

  @Override
  public List<EngineTask> openTasks(Set<String> groups, String assignee, int limit) {
    List<EngineTask> result = new ArrayList<>();
    for (EngineTask t : tasks.values()) {
      if (t.open()
          && t.candidateGroups().stream().anyMatch(groups::contains)
          && (assignee == null || assignee.equals(t.assignee()))) {
        result.add(t);
      }
    }
    return result.stream().limit(limit).toList();
  }

  @Override
  public Optional<EngineTask> task(long taskKey) {
    return Optional.ofNullable(tasks.get(taskKey));
  }

  @Override
  public Optional<FormSchema> form(long taskKey) {
    return Optional.ofNullable(forms.get(taskKey));
  }

  @Override
  public void assign(long taskKey, String assignee) {
    tasks.computeIfPresent(taskKey, (k, t) -> with(t, assignee, t.open()));
  }

  @Override
  public void unassign(long taskKey) {
    tasks.computeIfPresent(taskKey, (k, t) -> with(t, null, t.open()));
  }

  @Override
  public void complete(long taskKey, Map<String, Object> variables) {
    tasks.computeIfPresent(taskKey, (k, t) -> with(t, t.assignee(), false));
    completed.put(taskKey, variables);
  }

  private static EngineTask with(EngineTask t, String assignee, boolean open) {
    return new EngineTask(
        t.key(),
        t.name(),
        t.elementId(),
        t.processId(),
        t.processInstanceKey(),
        t.candidateGroups(),
        assignee,
        t.createdAt(),
        t.dueAt(),
        open);
  }
}
