package io.cityflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Incidents and the remaining get endpoints, and resetting the engine clock. */
public abstract class IncidentScenarios extends ScenarioSupport {

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/get-incident/
  void gettingAnIncidentDescribesWhereAndWhyItArose() {
    String id = uniqueId("incident-get");
    long definitionKey = deployProcess(serviceTaskProcess(id, id));
    long key = startInstance(id);
    ActivatedJob job = activateOne(id);
    client().newFailCommand(job).retries(0).errorMessage("gateway timeout").send().join();
    long incidentKey = awaitIncident(key).getIncidentKey();

    Incident incident = client().newIncidentGetRequest(incidentKey).send().join();

    assertThat(incident.getIncidentKey()).isEqualTo(incidentKey);
    assertThat(incident.getProcessInstanceKey()).isEqualTo(key);
    assertThat(incident.getProcessDefinitionKey()).isEqualTo(definitionKey);
    assertThat(incident.getProcessDefinitionId()).isEqualTo(id);
    assertThat(incident.getElementInstanceKey()).isEqualTo(job.getElementInstanceKey());
    assertThat(incident.getState()).isEqualTo(IncidentState.ACTIVE);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.JOB_NO_RETRIES);
    assertThat(incident.getCreationTime()).isNotNull();
  }

  @Test
  // docs/components/concepts/incidents/
  void anInstanceWithAnIncidentIsMarkedAndAResolvedIncidentIsNoLongerActive() {
    String id = uniqueId("incident-flag");
    deploy(serviceTaskProcess(id, id));
    long key = startInstance(id);
    ActivatedJob job = activateOne(id);
    client().newFailCommand(job).retries(0).errorMessage("down").send().join();
    Incident incident = awaitIncident(key);
    await()
        .atMost(EVENTUALLY)
        .until(
            () -> client().newProcessInstanceGetRequest(key).send().join().getHasIncident(),
            Boolean.TRUE::equals);

    client().newUpdateRetriesCommand(job.getKey()).retries(3).send().join();
    client().newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    awaitNoActiveIncident(key);
    List<Incident> resolved =
        await()
            .atMost(EVENTUALLY)
            .until(
                () ->
                    client()
                        .newIncidentSearchRequest()
                        .filter(f -> f.processInstanceKey(key).state(IncidentState.RESOLVED))
                        .send()
                        .join()
                        .items(),
                items -> !items.isEmpty());
    assertThat(resolved).extracting(Incident::getIncidentKey).contains(incident.getIncidentKey());
    await()
        .atMost(EVENTUALLY)
        .until(
            () -> client().newProcessInstanceGetRequest(key).send().join().getHasIncident(),
            Boolean.FALSE::equals);
    assertThat(awaitInstanceState(key, ProcessInstanceState.ACTIVE).getHasIncident()).isFalse();
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/resolve-incident/
  void resolvingAnUnknownIncidentIsNotFound() {
    ProblemException problem =
        problemOf(() -> client().newResolveIncidentCommand(2251799813999995L).send().join());

    assertThat(problem.code()).isEqualTo(404);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/get-variable/
  void gettingAVariableByKeyReturnsItsFullValue() {
    String id = uniqueId("variable-get");
    deploy(serviceTaskProcess(id, id));
    long key = startInstance(id, Map.of("address", Map.of("street", "Main St", "no", 5)));
    Variable row =
        await().atMost(EVENTUALLY).until(() -> variableRows(key), rows -> !rows.isEmpty()).get(0);

    Variable variable = client().newVariableGetRequest(row.getVariableKey()).send().join();

    assertThat(variable.getName()).isEqualTo("address");
    assertThat(variable.getScopeKey()).isEqualTo(key);
    assertThat(decode(variable.getValue())).isEqualTo(Map.of("street", "Main St", "no", 5));
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/reset-clock/
  void resettingThePinnedClockReturnsItToTheSystemTime() {
    String id = uniqueId("clock-reset");
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateCatchEvent("Event_Wait", e -> e.timerWithDuration("PT1H"))
            .serviceTask("Task_After", t -> t.zeebeJobType(id))
            .endEvent()
            .done());
    pinClock(Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS));
    long key = startInstance(id);
    assertNoJob(id);

    client().newResetClockCommand().send().join();

    assertThat(activateOne(id).getProcessInstanceKey()).isEqualTo(key);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/create-element-instance-variables/
  void settingVariablesOnAnUnknownElementInstanceIsNotFound() {
    ProblemException problem =
        problemOf(
            () ->
                client()
                    .newSetVariablesCommand(2251799813999994L)
                    .variables(Map.of("x", 1))
                    .send()
                    .join());

    assertThat(problem.code()).isEqualTo(404);
  }

  @Test
  // docs/apis-tools/orchestration-cluster-api-rest/specifications/update-job/
  void updatingTheRetriesOfAnUnknownJobIsNotFound() {
    ProblemException problem =
        problemOf(
            () -> client().newUpdateRetriesCommand(2251799813999993L).retries(3).send().join());

    assertThat(problem.code()).isEqualTo(404);
  }
}
