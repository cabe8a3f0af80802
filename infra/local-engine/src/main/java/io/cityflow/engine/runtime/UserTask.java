package io.cityflow.engine.runtime;

import java.util.List;
import java.util.Map;

/** A Camunda user task, managed by the engine rather than by a job worker. */
public final class UserTask extends Entity {
  public String name;
  public String state;
  public String assignee;
  public List<String> candidateGroups = List.of();
  public List<String> candidateUsers = List.of();
  public String dueDate;
  public String followUpDate;
  public long creationDate;
  public Long completionDate;
  public Long formKey;
  public String externalFormReference;
  public int priority;
  public Map<String, String> customHeaders = Map.of();
  public String elementId;
  public long elementInstanceKey;
  public long processInstanceKey;
  public long processDefinitionKey;
  public String bpmnProcessId;
  public int version;

  public static final String CREATED = "CREATED";
  public static final String COMPLETED = "COMPLETED";
  public static final String CANCELED = "CANCELED";
}
