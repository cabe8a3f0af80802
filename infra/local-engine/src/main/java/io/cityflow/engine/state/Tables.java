package io.cityflow.engine.state;

import io.cityflow.engine.runtime.Changes.Kind;
import io.cityflow.engine.runtime.Decision;
import io.cityflow.engine.runtime.DecisionRequirements;
import io.cityflow.engine.runtime.ElementInstanceRecord;
import io.cityflow.engine.runtime.Entity;
import io.cityflow.engine.runtime.Form;
import io.cityflow.engine.runtime.Incident;
import io.cityflow.engine.runtime.Job;
import io.cityflow.engine.runtime.Json;
import io.cityflow.engine.runtime.ProcessDefinition;
import io.cityflow.engine.runtime.ProcessInstance;
import io.cityflow.engine.runtime.UserTask;
import io.cityflow.engine.runtime.Variable;
import java.sql.Types;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The mapping of every entity kind to its table. */
final class Tables {

  private Tables() {}

  static final Map<Kind, Table> ALL = new EnumMap<>(Kind.class);

  private static <E extends Entity> Column col(
      String name, int type, Class<E> entity, Function<E, Object> value) {
    return new Column(name, type, e -> value.apply(entity.cast(e)));
  }

  private static Column data() {
    return new Column("data", Types.VARCHAR, Json::write);
  }

  private static String list(List<String> items) {
    return "," + String.join(",", items) + ",";
  }

  static {
    Class<ProcessDefinition> d = ProcessDefinition.class;
    add(
        new Table(
            Kind.DEFINITION,
            "eng_process_definition",
            "process_definition_key",
            List.of(
                col("bpmn_process_id", Types.VARCHAR, d, e -> e.bpmnProcessId),
                col("version", Types.INTEGER, d, e -> e.version),
                col("name", Types.VARCHAR, d, e -> e.name),
                col("resource_name", Types.VARCHAR, d, e -> e.resourceName),
                col("has_start_form", Types.BOOLEAN, d, e -> e.startFormId != null),
                data(),
                col("bpmn_xml", Types.VARCHAR, d, e -> e.xml))));
    Class<Form> f = Form.class;
    add(
        new Table(
            Kind.FORM,
            "eng_form",
            "form_key",
            List.of(
                col("form_id", Types.VARCHAR, f, e -> e.formId),
                col("version", Types.INTEGER, f, e -> e.version),
                data())));
    Class<DecisionRequirements> r = DecisionRequirements.class;
    add(
        new Table(
            Kind.DECISION_REQUIREMENTS,
            "eng_decision_requirements",
            "decision_requirements_key",
            List.of(
                col("decision_requirements_id", Types.VARCHAR, r, e -> e.decisionRequirementsId),
                col("version", Types.INTEGER, r, e -> e.version),
                col("name", Types.VARCHAR, r, e -> e.name),
                col("resource_name", Types.VARCHAR, r, e -> e.resourceName),
                data(),
                col("dmn_xml", Types.VARCHAR, r, e -> e.xml))));
    Class<Decision> dd = Decision.class;
    add(
        new Table(
            Kind.DECISION,
            "eng_decision",
            "decision_definition_key",
            List.of(
                col("decision_definition_id", Types.VARCHAR, dd, e -> e.decisionId),
                col("version", Types.INTEGER, dd, e -> e.version),
                col("name", Types.VARCHAR, dd, e -> e.name),
                col("decision_requirements_key", Types.BIGINT, dd, e -> e.decisionRequirementsKey),
                col("decision_requirements_id", Types.VARCHAR, dd, e -> e.decisionRequirementsId),
                data())));
    Class<ProcessInstance> p = ProcessInstance.class;
    add(
        new Table(
            Kind.INSTANCE,
            "eng_process_instance",
            "process_instance_key",
            List.of(
                col("process_definition_key", Types.BIGINT, p, e -> e.processDefinitionKey),
                col("bpmn_process_id", Types.VARCHAR, p, e -> e.bpmnProcessId),
                col("version", Types.INTEGER, p, e -> e.version),
                col("state", Types.VARCHAR, p, e -> e.state),
                col("start_date", Types.BIGINT, p, e -> e.startDate),
                col("end_date", Types.BIGINT, p, e -> e.endDate),
                col("has_incident", Types.BOOLEAN, p, e -> e.hasIncident),
                data(),
                col(
                    "parent_process_instance_key",
                    Types.BIGINT,
                    p,
                    e -> e.parentProcessInstanceKey))));
    Class<Variable> v = Variable.class;
    add(
        new Table(
            Kind.VARIABLE,
            "eng_variable",
            "variable_key",
            List.of(
                col("name", Types.VARCHAR, v, e -> e.name),
                col("scope_key", Types.BIGINT, v, e -> e.scopeKey),
                col("process_instance_key", Types.BIGINT, v, e -> e.processInstanceKey),
                col("value_json", Types.VARCHAR, v, e -> e.json))));
    Class<Job> j = Job.class;
    add(
        new Table(
            Kind.JOB,
            "eng_job",
            "job_key",
            List.of(
                col("job_type", Types.VARCHAR, j, e -> e.type),
                col("state", Types.VARCHAR, j, e -> e.state),
                col("process_instance_key", Types.BIGINT, j, e -> e.processInstanceKey),
                data())));
    Class<UserTask> u = UserTask.class;
    add(
        new Table(
            Kind.USER_TASK,
            "eng_user_task",
            "user_task_key",
            List.of(
                col("state", Types.VARCHAR, u, e -> e.state),
                col("name", Types.VARCHAR, u, e -> e.name),
                col("assignee", Types.VARCHAR, u, e -> e.assignee),
                col("candidate_groups", Types.VARCHAR, u, e -> list(e.candidateGroups)),
                col("candidate_users", Types.VARCHAR, u, e -> list(e.candidateUsers)),
                col("element_id", Types.VARCHAR, u, e -> e.elementId),
                col("element_instance_key", Types.BIGINT, u, e -> e.elementInstanceKey),
                col("process_instance_key", Types.BIGINT, u, e -> e.processInstanceKey),
                col("process_definition_key", Types.BIGINT, u, e -> e.processDefinitionKey),
                col("bpmn_process_id", Types.VARCHAR, u, e -> e.bpmnProcessId),
                col("creation_date", Types.BIGINT, u, e -> e.creationDate),
                col("completion_date", Types.BIGINT, u, e -> e.completionDate),
                col("due_date", Types.VARCHAR, u, e -> e.dueDate),
                col("follow_up_date", Types.VARCHAR, u, e -> e.followUpDate),
                col("priority", Types.INTEGER, u, e -> e.priority),
                data())));
    add(
        new Table(
            Kind.SUBSCRIPTION, "eng_message_subscription", "subscription_key", List.of(data())));
    add(new Table(Kind.MESSAGE, "eng_message", "message_key", List.of(data())));
    add(new Table(Kind.TIMER, "eng_timer", "timer_key", List.of(data())));
    Class<Incident> i = Incident.class;
    add(
        new Table(
            Kind.INCIDENT,
            "eng_incident",
            "incident_key",
            List.of(
                col("state", Types.VARCHAR, i, e -> e.state),
                col("error_type", Types.VARCHAR, i, e -> e.errorType),
                col("error_message", Types.VARCHAR, i, e -> truncate(e.errorMessage)),
                col("element_id", Types.VARCHAR, i, e -> e.elementId),
                col("element_instance_key", Types.BIGINT, i, e -> e.elementInstanceKey),
                col("process_instance_key", Types.BIGINT, i, e -> e.processInstanceKey),
                col("process_definition_key", Types.BIGINT, i, e -> e.processDefinitionKey),
                col("bpmn_process_id", Types.VARCHAR, i, e -> e.bpmnProcessId),
                col("job_key", Types.BIGINT, i, e -> e.jobKey),
                col("creation_time", Types.BIGINT, i, e -> e.creationTime),
                data())));
  }

  static {
    Class<ElementInstanceRecord> r = ElementInstanceRecord.class;
    add(
        new Table(
            Kind.ELEMENT_INSTANCE,
            "eng_element_instance",
            "element_instance_key",
            List.of(
                col("process_instance_key", Types.BIGINT, r, e -> e.processInstanceKey),
                col("process_definition_key", Types.BIGINT, r, e -> e.processDefinitionKey),
                col("bpmn_process_id", Types.VARCHAR, r, e -> e.bpmnProcessId),
                col("element_id", Types.VARCHAR, r, e -> e.elementId),
                col("element_name", Types.VARCHAR, r, e -> e.elementName),
                col("element_type", Types.VARCHAR, r, e -> e.type),
                col("state", Types.VARCHAR, r, e -> e.state),
                col("start_date", Types.BIGINT, r, e -> e.startDate),
                col("end_date", Types.BIGINT, r, e -> e.endDate),
                col("incident_key", Types.BIGINT, r, e -> e.incidentKey),
                col("flow_scope_key", Types.BIGINT, r, e -> e.flowScopeKey),
                data())));
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 4000 ? text : text.substring(0, 4000);
  }

  private static void add(Table table) {
    ALL.put(table.kind(), table);
  }
}
