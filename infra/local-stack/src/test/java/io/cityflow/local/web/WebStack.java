package io.cityflow.local.web;

import io.camunda.client.CamundaClient;
import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseStore;
import io.cityflow.localstack.LocalStack;
import io.cityflow.localstack.TestStacks;
import io.cityflow.testsupport.FreePort;
import io.cityflow.testsupport.PostgresDatabase;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole platform in-process for the browser tests: the case API (with the pages) on a real
 * PostgreSQL database, the local engine with the shipped models, decisions and forms (deployed at
 * start), and the workers.
 */
final class WebStack {
  private WebStack() {}

  static LocalStack start(PostgresDatabase database, Path dataDir) {
    return start(database, dataDir, Map.of());
  }

  /**
   * The same stack with a test class's own settings on top (e.g. the certificate issuer and
   * validity).
   */
  static LocalStack start(PostgresDatabase database, Path dataDir, Map<String, Object> settings) {
    Map<String, Object> overrides = TestStacks.onPostgres(database);
    overrides.put("micronaut.server.port", FreePort.next());
    overrides.put("cityflow.attachments.directory", dataDir.resolve("attachments").toString());
    overrides.put("cityflow.devices.mqtt.enabled", false);
    overrides.put("cityflow.devices.demo.enabled", false);
    // The browser tests share the machine with builds; engine calls may be slow, not lost.
    overrides.put("cityflow.camunda.request-timeout", "60s");
    overrides.putAll(settings);
    return LocalStack.start(overrides);
  }

  /**
   * What the engine holds now (instances, incidents, user tasks), for the message of a journey that
   * waited in vain: it says at which step a process stopped.
   */
  static String engineState(LocalStack stack, String reference) {
    CamundaClient client = stack.bean(CamundaClient.class);
    StringBuilder out = new StringBuilder("case ");
    stack
        .bean(CaseStore.class)
        .findByReference(CaseReference.parse(reference))
        .ifPresent(
            c ->
                out.append(c.status())
                    .append(" departments ")
                    .append(c.departments())
                    .append(" process instance ")
                    .append(c.processInstanceKey()));
    out.append("; engine state:");
    client
        .newProcessInstanceSearchRequest()
        .send()
        .join()
        .items()
        .forEach(
            i ->
                out.append("\n  instance ")
                    .append(i.getProcessDefinitionId())
                    .append(' ')
                    .append(i.getProcessInstanceKey())
                    .append(' ')
                    .append(i.getState()));
    client
        .newIncidentSearchRequest()
        .send()
        .join()
        .items()
        .forEach(
            i ->
                out.append("\n  incident at ")
                    .append(i.getElementId())
                    .append(": ")
                    .append(i.getErrorType())
                    .append(' ')
                    .append(i.getErrorMessage()));
    client
        .newUserTaskSearchRequest()
        .send()
        .join()
        .items()
        .forEach(
            t ->
                out.append("\n  user task ")
                    .append(t.getElementId())
                    .append(' ')
                    .append(t.getState())
                    .append(" groups ")
                    .append(t.getCandidateGroups()));
    return out.toString();
  }
}
