package io.cityflow.workflows.models;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.ProcessInstanceSequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Which sequence flows of one model the process tests took, read from the engine's record of every
 * instance of the model ({@code GET /v2/process-instances/{key}/sequence-flows}), and the report of
 * it under {@code target/flow-coverage}.
 *
 * @param processId the model
 * @param instances how many instances of the model ran
 * @param flows every sequence flow of the model, in the order of the file, with how many times the
 *     instances took it
 */
record FlowCoverage(String processId, int instances, Map<Flow, Integer> flows) {

  static final Path REPORTS = Path.of("target", "flow-coverage");

  /** A sequence flow of the model, described for a reader of the report. */
  record Flow(String id, String source, String target, String name) {
    @Override
    public String toString() {
      return id
          + " ("
          + source
          + " -> "
          + target
          + (name == null ? "" : ", \"" + name + "\"")
          + ")";
    }
  }

  /** Reads the model's flows from {@code bpmn/} and what every instance of it took. */
  static FlowCoverage measure(CamundaClient client, String processId) {
    Map<String, Integer> taken = new TreeMap<>();
    List<ProcessInstance> instances = instancesOf(client, processId);
    for (ProcessInstance instance : instances) {
      for (ProcessInstanceSequenceFlow flow :
          client
              .newProcessInstanceSequenceFlowsRequest(instance.getProcessInstanceKey())
              .send()
              .join()) {
        taken.merge(flow.getSequenceFlowId(), 1, Integer::sum);
      }
    }
    Map<Flow, Integer> flows = new LinkedHashMap<>();
    for (Flow flow : modelFlows(processId)) {
      flows.put(flow, taken.getOrDefault(flow.id(), 0));
    }
    return new FlowCoverage(processId, instances.size(), flows);
  }

  List<Flow> notTaken() {
    return flows.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
  }

  /** One line: the model, flows taken of all, and the instances that ran. */
  String summary() {
    int total = flows.size();
    int taken = total - notTaken().size();
    return "%s: %d of %d sequence flows taken (%d%%) by %d instances"
        .formatted(processId, taken, total, total == 0 ? 100 : taken * 100 / total, instances);
  }

  String report() {
    StringBuilder out = new StringBuilder(summary()).append("\n\n");
    for (Flow flow : notTaken()) {
      out.append("NEVER TAKEN  ").append(flow).append('\n');
    }
    if (!notTaken().isEmpty()) {
      out.append('\n');
    }
    out.append("times  sequence flow\n");
    flows.forEach((flow, times) -> out.append("%5d  %s%n".formatted(times, flow)));
    return out.toString();
  }

  /**
   * Writes {@code <processId>.txt} and rewrites {@code summary.txt} from the summary lines of every
   * report there, so that after a run it lists each model once.
   */
  void write() {
    try {
      Files.createDirectories(REPORTS);
      Files.writeString(REPORTS.resolve(processId + ".txt"), report());
      List<String> summaries = new ArrayList<>();
      try (Stream<Path> reports = Files.list(REPORTS)) {
        for (Path report :
            reports
                .filter(p -> p.toString().endsWith(".txt"))
                .filter(p -> !p.getFileName().toString().equals("summary.txt"))
                .sorted(Comparator.naturalOrder())
                .toList()) {
          summaries.add(Files.readAllLines(report).get(0));
        }
      }
      Files.write(REPORTS.resolve("summary.txt"), summaries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<ProcessInstance> instancesOf(CamundaClient client, String processId) {
    List<ProcessInstance> all = new ArrayList<>();
    List<ProcessInstance> page;
    do {
      int from = all.size();
      page =
          client
              .newProcessInstanceSearchRequest()
              .filter(f -> f.processDefinitionId(processId))
              .sort(s -> s.processInstanceKey().asc())
              .page(p -> p.from(from).limit(500))
              .send()
              .join()
              .items();
      all.addAll(page);
    } while (page.size() == 500);
    return all;
  }

  private static List<Flow> modelFlows(String processId) {
    return Models.readBpmn(Models.BPMN.resolve(processId + ".bpmn"))
        .getModelElementsByType(SequenceFlow.class)
        .stream()
        .map(f -> new Flow(f.getId(), f.getSource().getId(), f.getTarget().getId(), f.getName()))
        .toList();
  }
}
