package io.cityflow.engine.rest;

import static io.cityflow.engine.rest.SearchMapping.Type.BOOL;
import static io.cityflow.engine.rest.SearchMapping.Type.DATE;
import static io.cityflow.engine.rest.SearchMapping.Type.INT;
import static io.cityflow.engine.rest.SearchMapping.Type.KEY;
import static io.cityflow.engine.rest.SearchMapping.Type.LIST;
import static io.cityflow.engine.rest.SearchMapping.Type.PRESENT;
import static io.cityflow.engine.rest.SearchMapping.Type.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cityflow.engine.api.Engine;
import io.cityflow.engine.api.Engine.InstanceResult;
import io.cityflow.engine.model.EngineException;
import io.cityflow.engine.rest.RestServer.Request;
import io.cityflow.engine.rest.RestServer.Response;
import io.cityflow.engine.rest.SearchMapping.Field;
import io.cityflow.engine.runtime.ActivatedJob;
import io.cityflow.engine.runtime.DeployedResource;
import io.cityflow.engine.runtime.ElementInstanceRecord;
import io.cityflow.engine.runtime.Executor.Deployment;
import io.cityflow.engine.runtime.Executor.Resource;
import io.cityflow.engine.runtime.Form;
import io.cityflow.engine.runtime.Incident;
import io.cityflow.engine.runtime.Job;
import io.cityflow.engine.runtime.Json;
import io.cityflow.engine.runtime.ProcessDefinition;
import io.cityflow.engine.runtime.ProcessInstance;
import io.cityflow.engine.runtime.UserTask;
import io.cityflow.engine.runtime.Variable;
import io.cityflow.engine.state.SearchPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The {@code /v2} endpoints the Camunda 8 Java client calls: JSON in, one engine call, JSON out.
 * Field names, key encoding (numeric strings) and status codes follow what the client expects.
 */
public final class RestApi {

  private static final String TENANT = "<default>";
  private static final long DEFAULT_REQUEST_TIMEOUT = 10_000;

  private final Engine engine;

  private static final String DEFINITION_NAME =
      "(select d.name from eng_process_definition d"
          + " where d.process_definition_key = eng_process_instance.process_definition_key)";

  private static final String ELEMENT_OF_INSTANCE =
      "exists (select 1 from eng_element_instance r where r.process_instance_key"
          + " = eng_process_instance.process_instance_key and r.element_type <> 'PROCESS'";

  private final SearchMapping processInstances =
      new SearchMapping(
              "process instance",
              Map.ofEntries(
                  Map.entry("processDefinitionId", new Field("bpmn_process_id", STRING)),
                  Map.entry("processDefinitionVersion", new Field("version", INT)),
                  Map.entry("processDefinitionKey", new Field("process_definition_key", KEY)),
                  Map.entry("processInstanceKey", new Field("process_instance_key", KEY)),
                  Map.entry("state", new Field("state", STRING)),
                  Map.entry("startDate", new Field("start_date", DATE)),
                  Map.entry("endDate", new Field("end_date", DATE)),
                  Map.entry("hasIncident", new Field("has_incident", BOOL)),
                  Map.entry(
                      "parentProcessInstanceKey", new Field("parent_process_instance_key", KEY)),
                  Map.entry("processDefinitionName", new Field(DEFINITION_NAME, STRING))),
              Map.of(
                  "processInstanceKey", "process_instance_key",
                  "processDefinitionKey", "process_definition_key",
                  "processDefinitionId", "bpmn_process_id",
                  "processDefinitionName", DEFINITION_NAME,
                  "processDefinitionVersion", "version",
                  "startDate", "start_date",
                  "endDate", "end_date",
                  "state", "state",
                  "hasIncident", "has_incident"),
              Map.of())
          // elementId, elementInstanceState and hasElementInstanceIncident hold for one and the
          // same element instance of the process instance.
          .withRelatedFilter("elementId", new Field("r.element_id", STRING), ELEMENT_OF_INSTANCE)
          .withRelatedFilter(
              "elementInstanceState", new Field("r.state", STRING), ELEMENT_OF_INSTANCE)
          .withRelatedFilter(
              "hasElementInstanceIncident",
              new Field("r.incident_key", PRESENT),
              ELEMENT_OF_INSTANCE)
          // errorMessage: the message of one of the instance's active incidents.
          .withRelatedFilter(
              "errorMessage",
              new Field("r.error_message", STRING),
              "exists (select 1 from eng_incident r where r.process_instance_key"
                  + " = eng_process_instance.process_instance_key and r.state = 'ACTIVE'")
          .withVariableFilter(
              "variables",
              "exists (select 1 from eng_variable v where v.process_instance_key"
                  + " = eng_process_instance.process_instance_key"
                  + " and v.scope_key = v.process_instance_key and v.name = ?");

  private final SearchMapping userTasks =
      new SearchMapping(
              "user task",
              Map.ofEntries(
                  Map.entry("state", new Field("state", STRING)),
                  Map.entry("assignee", new Field("assignee", STRING)),
                  Map.entry("name", new Field("name", STRING)),
                  Map.entry("candidateGroup", new Field("candidate_groups", LIST)),
                  Map.entry("candidateUser", new Field("candidate_users", LIST)),
                  Map.entry("priority", new Field("priority", INT)),
                  Map.entry("creationDate", new Field("creation_date", DATE)),
                  Map.entry("completionDate", new Field("completion_date", DATE)),
                  Map.entry("elementId", new Field("element_id", STRING)),
                  Map.entry("processDefinitionId", new Field("bpmn_process_id", STRING)),
                  Map.entry("userTaskKey", new Field("user_task_key", KEY)),
                  Map.entry("processDefinitionKey", new Field("process_definition_key", KEY)),
                  Map.entry("processInstanceKey", new Field("process_instance_key", KEY)),
                  Map.entry("elementInstanceKey", new Field("element_instance_key", KEY))),
              Map.of(
                  "creationDate", "creation_date",
                  "completionDate", "completion_date",
                  "followUpDate", "follow_up_date",
                  "dueDate", "due_date",
                  "priority", "priority",
                  "name", "name"),
              Map.of())
          .withVariableFilter(
              "processInstanceVariables",
              "exists (select 1 from eng_variable v where v.process_instance_key"
                  + " = eng_user_task.process_instance_key"
                  + " and v.scope_key = v.process_instance_key and v.name = ?")
          .withVariableFilter(
              "localVariables",
              "exists (select 1 from eng_variable v"
                  + " where v.scope_key = eng_user_task.element_instance_key and v.name = ?");

  private final SearchMapping incidents =
      new SearchMapping(
          "incident",
          Map.ofEntries(
              Map.entry("processDefinitionId", new Field("bpmn_process_id", STRING)),
              Map.entry("errorType", new Field("error_type", STRING)),
              Map.entry("errorMessage", new Field("error_message", STRING)),
              Map.entry("elementId", new Field("element_id", STRING)),
              Map.entry("creationTime", new Field("creation_time", DATE)),
              Map.entry("state", new Field("state", STRING)),
              Map.entry("incidentKey", new Field("incident_key", KEY)),
              Map.entry("processDefinitionKey", new Field("process_definition_key", KEY)),
              Map.entry("processInstanceKey", new Field("process_instance_key", KEY)),
              Map.entry("elementInstanceKey", new Field("element_instance_key", KEY)),
              Map.entry("jobKey", new Field("job_key", KEY))),
          Map.of(
              "incidentKey", "incident_key",
              "processInstanceKey", "process_instance_key",
              "creationTime", "creation_time",
              "state", "state",
              "errorType", "error_type",
              "elementId", "element_id"),
          Map.of());

  private final SearchMapping variables =
      new SearchMapping(
          "variable",
          Map.of(
              "name", new Field("name", STRING),
              "value", new Field("value_json", STRING),
              "variableKey", new Field("variable_key", KEY),
              "scopeKey", new Field("scope_key", KEY),
              "processInstanceKey", new Field("process_instance_key", KEY),
              "isTruncated", new Field("(1 = 0)", BOOL)),
          Map.of(
              "name", "name",
              "value", "value_json",
              "variableKey", "variable_key",
              "scopeKey", "scope_key",
              "processInstanceKey", "process_instance_key"),
          Map.of());

  private final SearchMapping processDefinitions =
      new SearchMapping(
          "process definition",
          Map.of(
              "name", new Field("name", STRING),
              "resourceName", new Field("resource_name", STRING),
              "version", new Field("version", INT),
              "processDefinitionId", new Field("bpmn_process_id", STRING),
              "processDefinitionKey", new Field("process_definition_key", KEY),
              "hasStartForm", new Field("has_start_form", BOOL)),
          Map.of(
              "processDefinitionKey", "process_definition_key",
              "name", "name",
              "resourceName", "resource_name",
              "version", "version",
              "processDefinitionId", "bpmn_process_id"),
          Map.of(
              "isLatestVersion",
              "version = (select max(latest.version) from eng_process_definition latest"
                  + " where latest.bpmn_process_id = eng_process_definition.bpmn_process_id)"));

  private final SearchMapping elementInstances =
      new SearchMapping(
          "element instance",
          Map.ofEntries(
              Map.entry("processDefinitionId", new Field("bpmn_process_id", STRING)),
              Map.entry("state", new Field("state", STRING)),
              Map.entry("type", new Field("element_type", STRING)),
              Map.entry("elementId", new Field("element_id", STRING)),
              Map.entry("elementName", new Field("element_name", STRING)),
              Map.entry("hasIncident", new Field("(incident_key is not null)", BOOL)),
              Map.entry("elementInstanceKey", new Field("element_instance_key", KEY)),
              Map.entry("processInstanceKey", new Field("process_instance_key", KEY)),
              Map.entry("processDefinitionKey", new Field("process_definition_key", KEY)),
              Map.entry("incidentKey", new Field("incident_key", KEY)),
              Map.entry("startDate", new Field("start_date", DATE)),
              Map.entry("endDate", new Field("end_date", DATE)),
              Map.entry("elementInstanceScopeKey", new Field("flow_scope_key", KEY))),
          Map.ofEntries(
              Map.entry("elementInstanceKey", "element_instance_key"),
              Map.entry("processInstanceKey", "process_instance_key"),
              Map.entry("processDefinitionKey", "process_definition_key"),
              Map.entry("processDefinitionId", "bpmn_process_id"),
              Map.entry("startDate", "start_date"),
              Map.entry("endDate", "end_date"),
              Map.entry("elementId", "element_id"),
              Map.entry("elementName", "element_name"),
              Map.entry("type", "element_type"),
              Map.entry("state", "state"),
              Map.entry("incidentKey", "incident_key")),
          Map.of());

  public RestApi(Engine engine) {
    this.engine = engine;
  }

  public void register(RestServer server) {
    new DecisionSignalFlowRoutes(engine).register(server);
    server.route("GET", "/v2/topology", r -> Response.ok(topology(server)));
    server.route("GET", "/v2/status", r -> Response.noContent());
    server.route("POST", "/v2/deployments", this::deploy);
    server.route("POST", "/v2/process-instances", this::createInstance);
    server.route(
        "POST",
        "/v2/process-instances/search",
        r -> search(r, processInstances, engine::searchProcessInstances, RestApi::processInstance));
    server.route(
        "GET",
        "/v2/process-instances/{}",
        r ->
            get(
                engine.processInstance(r.key(0)),
                "process instance",
                r.key(0),
                RestApi::processInstance));
    server.route(
        "POST",
        "/v2/process-instances/{}/cancellation",
        r -> done(engine.cancelProcessInstance(r.key(0))));
    server.route("POST", "/v2/process-instances/{}/migration", this::migrate);
    server.route("POST", "/v2/messages/publication", this::publish);
    server.route("POST", "/v2/messages/correlation", this::correlate);
    server.route("POST", "/v2/jobs/activation", this::activateJobs);
    server.route(
        "POST",
        "/v2/jobs/{}/completion",
        r -> done(engine.completeJob(r.key(0), variablesOf(r.json()))));
    server.route("POST", "/v2/jobs/{}/failure", this::failJob);
    server.route("POST", "/v2/jobs/{}/error", this::throwError);
    server.route("PATCH", "/v2/jobs/{}", this::updateJob);
    server.route(
        "POST",
        "/v2/user-tasks/search",
        r -> search(r, userTasks, engine::searchUserTasks, RestApi::userTask));
    server.route(
        "GET",
        "/v2/user-tasks/{}",
        r -> get(engine.userTask(r.key(0)), "user task", r.key(0), RestApi::userTask));
    server.route("GET", "/v2/user-tasks/{}/form", this::userTaskForm);
    server.route("POST", "/v2/user-tasks/{}/assignment", this::assign);
    server.route(
        "DELETE", "/v2/user-tasks/{}/assignee", r -> done(engine.unassignUserTask(r.key(0))));
    server.route(
        "POST",
        "/v2/user-tasks/{}/completion",
        r -> done(engine.completeUserTask(r.key(0), variablesOf(r.json()))));
    server.route(
        "POST",
        "/v2/incidents/search",
        r -> search(r, incidents, engine::searchIncidents, RestApi::incident));
    server.route(
        "GET",
        "/v2/incidents/{}",
        r -> get(engine.incident(r.key(0)), "incident", r.key(0), RestApi::incident));
    server.route(
        "POST", "/v2/incidents/{}/resolution", r -> done(engine.resolveIncident(r.key(0))));
    server.route(
        "POST",
        "/v2/variables/search",
        r -> search(r, variables, engine::searchVariables, v -> variable(v, true)));
    server.route(
        "GET",
        "/v2/variables/{}",
        r -> get(engine.variable(r.key(0)), "variable", r.key(0), v -> variable(v, false)));
    server.route("PUT", "/v2/element-instances/{}/variables", this::setVariables);
    server.route(
        "POST",
        "/v2/element-instances/search",
        r -> search(r, elementInstances, engine::searchElementInstances, RestApi::elementInstance));
    server.route(
        "GET",
        "/v2/element-instances/{}",
        r ->
            get(
                engine.elementInstance(r.key(0)),
                "element instance",
                r.key(0),
                RestApi::elementInstance));
    server.route(
        "POST",
        "/v2/process-definitions/search",
        r ->
            search(
                r,
                processDefinitions,
                engine::searchProcessDefinitions,
                RestApi::processDefinition));
    server.route(
        "GET",
        "/v2/process-definitions/{}",
        r ->
            get(
                engine.processDefinition(r.key(0)),
                "process definition",
                r.key(0),
                RestApi::processDefinition));
    server.route(
        "GET",
        "/v2/process-definitions/{}/xml",
        r ->
            new Response(
                200,
                engine
                    .processDefinitionXml(r.key(0))
                    .orElseThrow(() -> notFound("process definition", r.key(0)))));
    server.route("GET", "/v2/process-definitions/{}/form", this::startForm);
    server.route("PUT", "/v2/clock", this::pinClock);
    server.route(
        "POST",
        "/v2/clock/reset",
        r -> {
          engine.resetClock();
          return Response.noContent();
        });
  }

  // ---- Handlers

  private ObjectNode topology(RestServer server) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode broker = body.putArray("brokers").addObject();
    broker.put("nodeId", 0);
    broker.put("host", server.address().getHost());
    broker.put("port", server.address().getPort());
    broker.put("version", "8.9.0");
    ObjectNode partition = broker.putArray("partitions").addObject();
    partition.put("partitionId", 1);
    partition.put("role", "leader");
    partition.put("health", "healthy");
    body.put("clusterSize", 1);
    body.put("partitionsCount", 1);
    body.put("replicationFactor", 1);
    body.put("gatewayVersion", "8.9.0");
    body.put("lastCompletedChangeId", "-1");
    return body;
  }

  private Response deploy(Request request) throws Exception {
    List<Resource> resources = new ArrayList<>();
    for (Multipart.Part part :
        Multipart.parse(
            request.exchange().getRequestHeaders().getFirst("Content-Type"), request.body())) {
      if ("resources".equals(part.name())) {
        if (part.filename() == null || part.filename().isBlank()) {
          throw EngineException.invalid("Every deployed resource needs a file name");
        }
        resources.add(new Resource(part.filename(), part.content()));
      }
    }
    Deployment deployment = engine.deploy(resources).get();
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("deploymentKey", key(deployment.key()));
    body.put("tenantId", TENANT);
    ArrayNode items = body.putArray("deployments");
    for (DeployedResource resource : deployment.resources()) {
      ObjectNode item = items.addObject();
      if (resource.process() != null) {
        ProcessDefinition p = resource.process();
        ObjectNode process = item.putObject("processDefinition");
        process.put("processDefinitionId", p.bpmnProcessId);
        process.put("processDefinitionVersion", p.version);
        process.put("resourceName", p.resourceName);
        process.put("tenantId", TENANT);
        process.put("processDefinitionKey", key(p.key));
      } else if (resource.decision() != null) {
        var d = resource.decision();
        ObjectNode decision = item.putObject("decisionDefinition");
        decision.put("decisionDefinitionId", d.decisionId);
        decision.put("version", d.version);
        decision.put("name", d.name);
        decision.put("tenantId", TENANT);
        decision.put("decisionRequirementsId", d.decisionRequirementsId);
        decision.put("decisionDefinitionKey", key(d.key));
        decision.put("decisionRequirementsKey", key(d.decisionRequirementsKey));
      } else if (resource.decisionRequirements() != null) {
        var r = resource.decisionRequirements();
        ObjectNode requirements = item.putObject("decisionRequirements");
        requirements.put("decisionRequirementsId", r.decisionRequirementsId);
        requirements.put("decisionRequirementsName", r.name);
        requirements.put("version", r.version);
        requirements.put("resourceName", r.resourceName);
        requirements.put("tenantId", TENANT);
        requirements.put("decisionRequirementsKey", key(r.key));
      } else {
        Form f = resource.form();
        ObjectNode form = item.putObject("form");
        form.put("formId", f.formId);
        form.put("version", f.version);
        form.put("resourceName", f.resourceName);
        form.put("tenantId", TENANT);
        form.put("formKey", key(f.key));
      }
    }
    return Response.ok(body);
  }

  private Response createInstance(Request request) throws Exception {
    JsonNode body = request.json();
    Map<String, Object> variables = variablesOf(body);
    Long definitionKey =
        body.hasNonNull("processDefinitionKey") ? parseKey(body.get("processDefinitionKey")) : null;
    String processId = body.path("processDefinitionId").asText(null);
    if (definitionKey == null && (processId == null || processId.isBlank())) {
      throw EngineException.invalid(
          "Expected either a processDefinitionId or a processDefinitionKey");
    }
    int version = body.path("processDefinitionVersion").asInt(-1);
    InstanceResult result;
    Map<String, Object> returned = Map.of();
    if (body.path("awaitCompletion").asBoolean(false)) {
      long timeout = body.path("requestTimeout").asLong(0);
      result =
          engine
              .createProcessInstanceAndAwait(
                  processId,
                  definitionKey,
                  version,
                  variables,
                  timeout > 0 ? timeout : DEFAULT_REQUEST_TIMEOUT)
              .get();
      returned = new LinkedHashMap<>(result.variables());
      List<String> fetch = strings(body.path("fetchVariables"));
      if (!fetch.isEmpty()) {
        returned.keySet().retainAll(fetch);
      }
    } else if (definitionKey != null) {
      result = engine.createProcessInstance(definitionKey, variables).get();
    } else {
      result = engine.createProcessInstance(processId, version, variables).get();
    }
    ProcessInstance instance = result.instance();
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("processDefinitionId", instance.bpmnProcessId);
    response.put("processDefinitionVersion", instance.version);
    response.put("tenantId", TENANT);
    response.set("variables", Json.MAPPER.valueToTree(returned));
    response.put("processDefinitionKey", key(instance.processDefinitionKey));
    response.put("processInstanceKey", key(instance.key));
    response.putArray("tags");
    return Response.ok(response);
  }

  private Response migrate(Request request) throws Exception {
    JsonNode body = request.json();
    JsonNode target = body.get("targetProcessDefinitionKey");
    if (target == null || target.isNull()) {
      throw EngineException.invalid("Expected a 'targetProcessDefinitionKey'");
    }
    JsonNode instructions = body.path("mappingInstructions");
    if (!instructions.isArray() || instructions.isEmpty()) {
      throw EngineException.invalid("Expected at least one entry in 'mappingInstructions'");
    }
    Map<String, String> mappings = new LinkedHashMap<>();
    for (JsonNode instruction : instructions) {
      String from = requiredText(instruction, "sourceElementId");
      String to = requiredText(instruction, "targetElementId");
      if (mappings.putIfAbsent(from, to) != null) {
        throw EngineException.invalid(
            "Expected each source element to be mapped once, but '" + from + "' is mapped twice");
      }
    }
    return done(engine.migrateProcessInstance(request.key(0), parseKey(target), mappings));
  }

  private Response publish(Request request) throws Exception {
    JsonNode body = request.json();
    String name = requiredText(body, "name");
    var result =
        engine
            .publishMessage(
                name,
                body.path("correlationKey").asText(""),
                body.path("timeToLive").asLong(0),
                body.path("messageId").asText(null),
                variablesOf(body))
            .get();
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("tenantId", TENANT);
    response.put("messageKey", key(result.messageKey()));
    return Response.ok(response);
  }

  private Response correlate(Request request) throws Exception {
    JsonNode body = request.json();
    String name = requiredText(body, "name");
    var result =
        engine
            .correlateMessage(name, body.path("correlationKey").asText(""), variablesOf(body))
            .get();
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("tenantId", TENANT);
    response.put("messageKey", key(result.messageKey()));
    response.put("processInstanceKey", key(result.processInstanceKey()));
    return Response.ok(response);
  }

  private Response activateJobs(Request request) throws Exception {
    JsonNode body = request.json();
    String type = requiredText(body, "type");
    if (!body.has("timeout") || !body.has("maxJobsToActivate")) {
      throw EngineException.invalid(
          "Expected the job activation to set timeout and maxJobsToActivate");
    }
    long requestTimeout = body.path("requestTimeout").asLong(0);
    if (requestTimeout == 0) {
      requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    }
    List<ActivatedJob> jobs =
        engine
            .activateJobs(
                type,
                body.path("worker").asText("default"),
                body.path("timeout").asLong(),
                body.path("maxJobsToActivate").asInt(),
                strings(body.path("fetchVariable")),
                Math.max(requestTimeout, 0))
            .get();
    ObjectNode response = Json.MAPPER.createObjectNode();
    ArrayNode items = response.putArray("jobs");
    Map<Long, Long> locks = new HashMap<>();
    for (ActivatedJob activated : jobs) {
      Job job = activated.job();
      locks.put(job.key, job.deadline);
      ObjectNode item = items.addObject();
      item.put("type", job.type);
      item.put("processDefinitionId", job.bpmnProcessId);
      item.put("processDefinitionVersion", job.version);
      item.put("elementId", job.elementId);
      item.set(
          "customHeaders",
          Json.MAPPER.valueToTree(job.customHeaders == null ? Map.of() : job.customHeaders));
      item.put("worker", job.worker);
      item.put("retries", job.retries);
      item.put("deadline", job.deadline);
      item.set("variables", Json.MAPPER.valueToTree(activated.variables()));
      item.put("tenantId", TENANT);
      item.put("jobKey", key(job.key));
      item.put("processInstanceKey", key(job.processInstanceKey));
      item.put("processDefinitionKey", key(job.processDefinitionKey));
      item.put("elementInstanceKey", key(job.elementInstanceKey));
      item.put("kind", "BPMN_ELEMENT");
      item.put("listenerEventType", "UNSPECIFIED");
      item.putArray("tags");
    }
    if (locks.isEmpty()) {
      return Response.ok(response);
    }
    // A client that gave up on this long poll never sees these jobs; rather than leaving them
    // locked for the worker's job timeout, they are offered to the next worker at once.
    return new Response(200, response, () -> engine.releaseJobs(locks));
  }

  private Response failJob(Request request) throws Exception {
    JsonNode body = request.json();
    return done(
        engine.failJob(
            request.key(0),
            body.path("retries").asInt(0),
            body.path("errorMessage").asText(null),
            body.path("retryBackOff").asLong(0),
            variablesOf(body)));
  }

  private Response throwError(Request request) throws Exception {
    JsonNode body = request.json();
    return done(
        engine.throwError(
            request.key(0),
            requiredText(body, "errorCode"),
            body.path("errorMessage").asText(null),
            variablesOf(body)));
  }

  private Response updateJob(Request request) throws Exception {
    JsonNode changeset = request.json().path("changeset");
    Integer retries = changeset.hasNonNull("retries") ? changeset.get("retries").asInt() : null;
    Long timeout = changeset.hasNonNull("timeout") ? changeset.get("timeout").asLong() : null;
    if (retries == null && timeout == null) {
      throw EngineException.invalid("Expected the changeset to hold retries or timeout");
    }
    return done(engine.updateJob(request.key(0), retries, timeout));
  }

  private Response assign(Request request) throws Exception {
    JsonNode body = request.json();
    return done(
        engine.assignUserTask(
            request.key(0),
            requiredText(body, "assignee"),
            body.path("allowOverride").asBoolean(true)));
  }

  private Response userTaskForm(Request request) {
    UserTask task =
        engine.userTask(request.key(0)).orElseThrow(() -> notFound("user task", request.key(0)));
    if (task.formKey == null) {
      return Response.noContent();
    }
    return Response.ok(
        form(engine.form(task.formKey).orElseThrow(() -> notFound("form", task.formKey))));
  }

  private Response startForm(Request request) {
    ProcessDefinition definition =
        engine
            .processDefinition(request.key(0))
            .orElseThrow(() -> notFound("process definition", request.key(0)));
    if (definition.startFormId == null) {
      return Response.noContent();
    }
    Optional<Form> form = engine.latestForm(definition.startFormId);
    return form.map(f -> Response.ok(form(f))).orElseGet(Response::noContent);
  }

  private Response setVariables(Request request) throws Exception {
    JsonNode body = request.json();
    if (!body.path("variables").isObject()) {
      throw EngineException.invalid("Expected 'variables' to be a JSON object");
    }
    return done(
        engine.setVariables(
            request.key(0), variablesOf(body), body.path("local").asBoolean(false)));
  }

  private Response pinClock(Request request) {
    JsonNode timestamp = request.json().path("timestamp");
    if (!timestamp.canConvertToLong() || timestamp.asLong() < 0) {
      throw EngineException.invalid(
          "Expected 'timestamp' to be epoch milliseconds, but got " + timestamp);
    }
    engine.pinClock(timestamp.asLong());
    return Response.noContent();
  }

  // ---- Helpers

  private static Response done(CompletableFuture<?> command) throws Exception {
    command.get();
    return Response.noContent();
  }

  private static <T> Response search(
      Request request,
      SearchMapping mapping,
      Function<io.cityflow.engine.state.SearchQuery, SearchPage<T>> query,
      Function<T, ObjectNode> view) {
    io.cityflow.engine.state.SearchQuery search = mapping.toQuery(request.json());
    SearchPage<T> page = query.apply(search);
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode items = body.putArray("items");
    page.items().forEach(item -> items.add(view.apply(item)));
    ObjectNode info = body.putObject("page");
    info.put("totalItems", page.total());
    info.put("hasMoreTotalItems", false);
    SearchMapping.addCursors(info, search, page.items().size());
    return Response.ok(body);
  }

  private static <T> Response get(
      Optional<T> found, String what, long key, Function<T, ObjectNode> view) {
    return Response.ok(view.apply(found.orElseThrow(() -> notFound(what, key))));
  }

  static EngineException notFound(String what, long key) {
    return EngineException.notFound(
        "Expected to find a " + what + " with key " + key + ", but none was found");
  }

  private static String requiredText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw EngineException.invalid("Expected a non-empty '" + field + "'");
    }
    return value.asText();
  }

  /** The {@code variables} object of a request body, empty when it is absent. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> variablesOf(JsonNode body) {
    JsonNode variables = body.get("variables");
    if (variables == null || variables.isNull()) {
      return Map.of();
    }
    if (!variables.isObject()) {
      throw EngineException.invalid("Expected 'variables' to be a JSON object");
    }
    return Json.MAPPER.convertValue(variables, Map.class);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static long parseKey(JsonNode value) {
    try {
      return Long.parseLong(value.asText());
    } catch (NumberFormatException e) {
      throw EngineException.invalid("Expected a numeric key, but got '" + value.asText() + "'");
    }
  }

  private static String key(long key) {
    return Long.toString(key);
  }

  private static String date(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis).toString();
  }

  // ---- Views

  private static ObjectNode processInstance(ProcessInstance p) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("processDefinitionId", p.bpmnProcessId);
    n.put("processDefinitionName", p.processDefinitionName);
    n.put("processDefinitionVersion", p.version);
    n.put("startDate", date(p.startDate));
    n.put("endDate", date(p.endDate));
    n.put("state", p.state);
    n.put("hasIncident", p.hasIncident);
    n.put("tenantId", TENANT);
    n.put("processInstanceKey", key(p.key));
    n.put("processDefinitionKey", key(p.processDefinitionKey));
    if (p.parentProcessInstanceKey != null) {
      n.put("parentProcessInstanceKey", key(p.parentProcessInstanceKey));
      n.put("parentElementInstanceKey", key(p.parentElementInstanceKey));
    }
    n.putArray("tags");
    return n;
  }

  private static ObjectNode userTask(UserTask t) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("name", t.name);
    n.put("state", t.state);
    n.put("assignee", t.assignee);
    n.put("elementId", t.elementId);
    n.set("candidateGroups", Json.MAPPER.valueToTree(t.candidateGroups));
    n.set("candidateUsers", Json.MAPPER.valueToTree(t.candidateUsers));
    n.put("processDefinitionId", t.bpmnProcessId);
    n.put("creationDate", date(t.creationDate));
    n.put("completionDate", date(t.completionDate));
    n.put("dueDate", t.dueDate);
    n.put("followUpDate", t.followUpDate);
    n.put("tenantId", TENANT);
    n.put("externalFormReference", t.externalFormReference);
    n.put("processDefinitionVersion", t.version);
    n.set(
        "customHeaders",
        Json.MAPPER.valueToTree(t.customHeaders == null ? Map.of() : t.customHeaders));
    n.put("priority", t.priority);
    n.put("userTaskKey", key(t.key));
    n.put("elementInstanceKey", key(t.elementInstanceKey));
    n.put("processDefinitionKey", key(t.processDefinitionKey));
    n.put("processInstanceKey", key(t.processInstanceKey));
    if (t.formKey != null) {
      n.put("formKey", key(t.formKey));
    }
    n.putArray("tags");
    return n;
  }

  private static ObjectNode elementInstance(ElementInstanceRecord e) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("processDefinitionId", e.bpmnProcessId);
    n.put("startDate", date(e.startDate));
    n.put("endDate", date(e.endDate));
    n.put("elementId", e.elementId);
    n.put("elementName", e.elementName == null ? e.elementId : e.elementName);
    n.put("type", e.type);
    n.put("state", e.state);
    n.put("hasIncident", e.incidentKey != null);
    n.put("tenantId", TENANT);
    n.put("elementInstanceKey", key(e.key));
    n.put("processInstanceKey", key(e.processInstanceKey));
    n.put("processDefinitionKey", key(e.processDefinitionKey));
    if (e.incidentKey != null) {
      n.put("incidentKey", key(e.incidentKey));
    }
    return n;
  }

  private static ObjectNode incident(Incident i) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("processDefinitionId", i.bpmnProcessId);
    n.put("errorType", i.errorType);
    n.put("errorMessage", i.errorMessage);
    n.put("elementId", i.elementId);
    n.put("creationTime", date(i.creationTime));
    n.put("state", i.state);
    n.put("tenantId", TENANT);
    n.put("incidentKey", key(i.key));
    n.put("processDefinitionKey", key(i.processDefinitionKey));
    n.put("processInstanceKey", key(i.processInstanceKey));
    n.put("elementInstanceKey", key(i.elementInstanceKey));
    if (i.jobKey != null) {
      n.put("jobKey", key(i.jobKey));
    }
    return n;
  }

  private static ObjectNode variable(Variable v, boolean mayTruncate) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    boolean truncate = mayTruncate && v.json.length() > 8192;
    n.put("name", v.name);
    n.put("tenantId", TENANT);
    n.put("variableKey", key(v.key));
    n.put("scopeKey", key(v.scopeKey));
    n.put("processInstanceKey", key(v.processInstanceKey));
    n.put("value", truncate ? v.json.substring(0, 8192) : v.json);
    n.put("isTruncated", truncate);
    return n;
  }

  private static ObjectNode processDefinition(ProcessDefinition d) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("name", d.name);
    n.put("resourceName", d.resourceName);
    n.put("version", d.version);
    n.put("processDefinitionId", d.bpmnProcessId);
    n.put("tenantId", TENANT);
    n.put("processDefinitionKey", key(d.key));
    n.put("hasStartForm", d.startFormId != null);
    return n;
  }

  private static ObjectNode form(Form f) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("tenantId", TENANT);
    n.put("formId", f.formId);
    n.put("schema", f.schema);
    n.put("version", (long) f.version);
    n.put("formKey", key(f.key));
    return n;
  }
}
