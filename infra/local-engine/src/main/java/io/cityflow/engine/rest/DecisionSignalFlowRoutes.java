package io.cityflow.engine.rest;

import static io.cityflow.engine.rest.SearchMapping.Type.INT;
import static io.cityflow.engine.rest.SearchMapping.Type.KEY;
import static io.cityflow.engine.rest.SearchMapping.Type.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cityflow.engine.api.Engine;
import io.cityflow.engine.model.Decisions;
import io.cityflow.engine.model.EngineException;
import io.cityflow.engine.rest.RestServer.Request;
import io.cityflow.engine.rest.RestServer.Response;
import io.cityflow.engine.rest.SearchMapping.Field;
import io.cityflow.engine.runtime.Decision;
import io.cityflow.engine.runtime.Executor.Evaluated;
import io.cityflow.engine.runtime.Executor.Evaluation;
import io.cityflow.engine.runtime.Json;
import io.cityflow.engine.runtime.ProcessInstance;
import io.cityflow.engine.state.SearchPage;
import java.util.Map;

/**
 * The decision-definition endpoints (evaluation, search, get, XML), signal broadcast, and the
 * sequence flows a process instance has taken.
 */
final class DecisionSignalFlowRoutes {

  private static final String TENANT = "<default>";

  private final Engine engine;

  private final SearchMapping decisions =
      new SearchMapping(
          "decision definition",
          Map.of(
              "decisionDefinitionId", new Field("decision_definition_id", STRING),
              "decisionDefinitionKey", new Field("decision_definition_key", KEY),
              "name", new Field("name", STRING),
              "version", new Field("version", INT),
              "decisionRequirementsId", new Field("decision_requirements_id", STRING),
              "decisionRequirementsKey", new Field("decision_requirements_key", KEY)),
          Map.of(
              "decisionDefinitionKey", "decision_definition_key",
              "decisionDefinitionId", "decision_definition_id",
              "name", "name",
              "version", "version",
              "decisionRequirementsId", "decision_requirements_id",
              "decisionRequirementsKey", "decision_requirements_key"),
          Map.of(
              "isLatestVersion",
              "version = (select max(latest.version) from eng_decision latest where"
                  + " latest.decision_definition_id = eng_decision.decision_definition_id)"));

  DecisionSignalFlowRoutes(Engine engine) {
    this.engine = engine;
  }

  void register(RestServer server) {
    server.route("POST", "/v2/decision-definitions/evaluation", this::evaluate);
    server.route("POST", "/v2/decision-definitions/search", this::searchDecisions);
    server.route(
        "GET",
        "/v2/decision-definitions/{}",
        r ->
            Response.ok(
                decision(engine.decision(r.key(0)).orElseThrow(() -> decisionNotFound(r.key(0))))));
    server.route(
        "GET",
        "/v2/decision-definitions/{}/xml",
        r -> {
          Decision decision =
              engine.decision(r.key(0)).orElseThrow(() -> decisionNotFound(r.key(0)));
          return new Response(
              200,
              engine
                  .decisionRequirementsXml(decision.decisionRequirementsKey)
                  .orElseThrow(() -> decisionNotFound(r.key(0))));
        });
    server.route("POST", "/v2/signals/broadcast", this::broadcast);
    server.route("GET", "/v2/process-instances/{}/sequence-flows", this::sequenceFlows);
  }

  private Response evaluate(Request request) throws Exception {
    JsonNode body = request.json();
    String decisionId = body.path("decisionDefinitionId").asText(null);
    Long decisionKey = null;
    if (body.hasNonNull("decisionDefinitionKey")) {
      try {
        decisionKey = Long.parseLong(body.get("decisionDefinitionKey").asText());
      } catch (NumberFormatException e) {
        throw EngineException.invalid(
            "Expected 'decisionDefinitionKey' to be a numeric key, but got '"
                + body.get("decisionDefinitionKey").asText()
                + "'");
      }
    }
    if (decisionKey == null && (decisionId == null || decisionId.isBlank())) {
      throw EngineException.invalid(
          "Expected either a decisionDefinitionId or a decisionDefinitionKey");
    }
    Evaluation evaluation =
        engine.evaluateDecision(decisionId, decisionKey, RestApi.variablesOf(body)).get();
    Decision d = evaluation.decision();
    String output = Json.write(evaluation.output());
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("decisionDefinitionId", d.decisionId);
    response.put("decisionDefinitionKey", Long.toString(d.key));
    response.put("decisionDefinitionName", d.name);
    response.put("decisionDefinitionVersion", d.version);
    response.put("decisionEvaluationKey", Long.toString(evaluation.evaluationKey()));
    response.put("decisionInstanceKey", Long.toString(evaluation.evaluationKey()));
    response.put("decisionRequirementsId", d.decisionRequirementsId);
    response.put("decisionRequirementsKey", Long.toString(d.decisionRequirementsKey));
    response.put("output", output);
    response.put("tenantId", TENANT);
    ArrayNode evaluated = response.putArray("evaluatedDecisions");
    int position = 0;
    for (Evaluated e : evaluation.evaluated()) {
      Decision decision = e.decision();
      Decisions.EvaluatedDecision details = e.details();
      ObjectNode item = evaluated.addObject();
      item.put("decisionDefinitionId", decision.decisionId);
      item.put("decisionDefinitionName", decision.name);
      item.put("decisionDefinitionVersion", decision.version);
      item.put("decisionDefinitionType", details.type());
      item.put("output", Json.write(details.output()));
      item.put("tenantId", TENANT);
      item.put("decisionDefinitionKey", Long.toString(decision.key));
      item.put("decisionEvaluationInstanceKey", evaluation.evaluationKey() + "-" + ++position);
      ArrayNode rules = item.putArray("matchedRules");
      for (Decisions.MatchedRule rule : details.matchedRules()) {
        ObjectNode r = rules.addObject();
        r.put("ruleId", rule.id());
        r.put("ruleIndex", rule.index());
        ArrayNode outputs = r.putArray("evaluatedOutputs");
        for (Decisions.EvaluatedOutput out : rule.outputs()) {
          ObjectNode o = outputs.addObject();
          o.put("outputId", out.id());
          o.put("outputName", out.name());
          o.put("outputValue", Json.write(out.value()));
        }
      }
      ArrayNode inputs = item.putArray("evaluatedInputs");
      for (Decisions.EvaluatedInput in : details.inputs()) {
        ObjectNode i = inputs.addObject();
        i.put("inputId", in.id());
        i.put("inputName", in.name());
        i.put("inputValue", Json.write(in.value()));
      }
    }
    return Response.ok(response);
  }

  private Response searchDecisions(Request request) {
    SearchPage<Decision> page = engine.searchDecisions(decisions.toQuery(request.json()));
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode items = body.putArray("items");
    page.items().forEach(d -> items.add(decision(d)));
    ObjectNode info = body.putObject("page");
    info.put("totalItems", page.total());
    info.put("hasMoreTotalItems", false);
    return Response.ok(body);
  }

  private Response broadcast(Request request) throws Exception {
    JsonNode body = request.json();
    JsonNode name = body.get("signalName");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      throw EngineException.invalid("Expected a non-empty 'signalName'");
    }
    long signalKey = engine.broadcastSignal(name.asText(), RestApi.variablesOf(body)).get();
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("tenantId", TENANT);
    response.put("signalKey", Long.toString(signalKey));
    return Response.ok(response);
  }

  private Response sequenceFlows(Request request) {
    long key = request.key(0);
    ProcessInstance instance =
        engine
            .processInstance(key)
            .orElseThrow(
                () ->
                    EngineException.notFound(
                        "Expected to find a process instance with key "
                            + key
                            + ", but none was found"));
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode items = body.putArray("items");
    String root =
        Long.toString(
            instance.rootProcessInstanceKey == null
                ? instance.key
                : instance.rootProcessInstanceKey);
    for (String flowId : instance.takenFlows) {
      ObjectNode item = items.addObject();
      item.put("sequenceFlowId", flowId);
      item.put("processInstanceKey", Long.toString(instance.key));
      item.put("rootProcessInstanceKey", root);
      item.put("processDefinitionKey", Long.toString(instance.processDefinitionKey));
      item.put("processDefinitionId", instance.bpmnProcessId);
      item.put("elementId", flowId);
      item.put("tenantId", TENANT);
    }
    return Response.ok(body);
  }

  private static ObjectNode decision(Decision d) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("decisionDefinitionId", d.decisionId);
    n.put("name", d.name);
    n.put("version", d.version);
    n.put("decisionRequirementsId", d.decisionRequirementsId);
    n.put("decisionRequirementsName", d.decisionRequirementsName);
    n.put("decisionRequirementsVersion", d.decisionRequirementsVersion);
    n.put("tenantId", TENANT);
    n.put("decisionDefinitionKey", Long.toString(d.key));
    n.put("decisionRequirementsKey", Long.toString(d.decisionRequirementsKey));
    return n;
  }

  private static EngineException decisionNotFound(long key) {
    return RestApi.notFound("decision definition", key);
  }
}
