package io.cityflow.cases.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.cityflow.cases.FormSchema;
import io.cityflow.cases.TaskEngine;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The task engine port over the Camunda 8 client's user-task API. */
@Singleton
class CamundaTaskEngine implements TaskEngine {
  private static final int NOT_FOUND = 404;

  private final CamundaClient client;
  private final JsonMapper json;

  CamundaTaskEngine(CamundaClient client, JsonMapper json) {
    this.client = client;
    this.json = json;
  }

  @Override
  public List<EngineTask> openTasks(Set<String> groups, String assignee, int limit) {
    List<String> groupList = List.copyOf(groups);
    return client
        .newUserTaskSearchRequest()
        .filter(
            f -> {
              f.state(UserTaskState.CREATED).candidateGroup(p -> p.in(groupList));
              if (assignee != null) {
                f.assignee(assignee);
              }
            })
        .sort(s -> s.creationDate().asc())
        .page(p -> p.limit(limit))
        .send()
        .join()
        .items()
        .stream()
        .map(CamundaTaskEngine::toTask)
        .toList();
  }

  @Override
  public Optional<EngineTask> task(long taskKey) {
    try {
      return Optional.of(toTask(client.newUserTaskGetRequest(taskKey).send().join()));
    } catch (ClientHttpException e) {
      if (e.code() == NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public Optional<FormSchema> form(long taskKey) {
    try {
      var form = client.newUserTaskGetFormRequest(taskKey).send().join();
      return form == null ? Optional.empty() : Optional.of(parse(form.getSchema()));
    } catch (ClientHttpException e) {
      if (e.code() == NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void assign(long taskKey, String assignee) {
    client.newAssignUserTaskCommand(taskKey).assignee(assignee).allowOverride(false).send().join();
  }

  @Override
  public void unassign(long taskKey) {
    client.newUnassignUserTaskCommand(taskKey).send().join();
  }

  @Override
  public void complete(long taskKey, Map<String, Object> variables) {
    client.newCompleteUserTaskCommand(taskKey).variables(variables).send().join();
  }

  private static EngineTask toTask(UserTask t) {
    return new EngineTask(
        t.getUserTaskKey(),
        t.getName(),
        t.getElementId(),
        t.getBpmnProcessId(),
        t.getProcessInstanceKey(),
        t.getCandidateGroups(),
        t.getAssignee(),
        instant(t.getCreationDate()),
        instant(t.getDueDate()),
        t.getState() == UserTaskState.CREATED);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  /** Reads a form-js schema; the domain checks task data against it. */
  FormSchema parse(String schema) {
    try {
      return FormSchema.fromJson(
          json.readValue(schema, Argument.mapOf(String.class, Object.class)));
    } catch (IOException e) {
      throw new UncheckedIOException("the task's form is not JSON", e);
    }
  }
}
