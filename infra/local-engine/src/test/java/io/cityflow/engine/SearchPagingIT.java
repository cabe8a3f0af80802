package io.cityflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.filter.UserTaskFilter;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.UserTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cursor paging, {@code $or} filters and variable filters, as the Camunda client sends them. */
class SearchPagingIT extends CamundaClientFixture {

  private static final List<Long> north = new ArrayList<>();
  private static final List<Long> south = new ArrayList<>();
  private static long water;
  private static long traffic;

  @BeforeAll
  static void deployModels() {
    EngineTestSupport.deploy(client, "bpmn/service-user.bpmn", "bpmn/group-task.bpmn");
    water = startGroupTask(List.of("WATER_SUPPLY", "clerks"), "north");
    traffic = startGroupTask(List.of("TRAFFIC"), "south");
    for (int i = 0; i < 5; i++) {
      String district = i < 3 ? "north" : "south";
      long key =
          EngineTestSupport.createInstance(
              client, "service-user", Map.of("district", district, "floor", i));
      (i < 3 ? north : south).add(key);
    }
  }

  @Test
  void pagesForwardAndBackWithCursors() {
    // given a first page of two
    SearchResponse<ProcessInstance> first = page(null, null);
    assertThat(first.items()).hasSize(2);

    // when the client follows the end cursors
    SearchResponse<ProcessInstance> second = page(first.page().endCursor(), null);
    SearchResponse<ProcessInstance> third = page(second.page().endCursor(), null);
    SearchResponse<ProcessInstance> back = page(null, second.page().startCursor());

    // then every instance comes exactly once, in order, and going back returns the first page
    List<Long> keys = new ArrayList<>();
    for (SearchResponse<ProcessInstance> page : List.of(first, second, third)) {
      page.items().forEach(p -> keys.add(p.getProcessInstanceKey()));
    }
    List<Long> all = new ArrayList<>(north);
    all.addAll(south);
    assertThat(keys).containsExactlyElementsOf(all);
    assertThat(third.items()).hasSize(1);
    assertThat(back.items())
        .extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactlyElementsOf(
            first.items().stream().map(ProcessInstance::getProcessInstanceKey).toList());
  }

  @Test
  void rejectsACursorItDidNotIssue() {
    assertThatThrownBy(() -> page("not-a-cursor", null))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("page.after");
  }

  @Test
  void filtersProcessInstancesByVariables() {
    // when the client filters by a variable's value
    List<Long> found =
        client
            .newProcessInstanceSearchRequest()
            .filter(
                f -> f.processDefinitionId("service-user").variables(Map.of("district", "north")))
            .send()
            .join()
            .items()
            .stream()
            .map(ProcessInstance::getProcessInstanceKey)
            .toList();

    // then only the instances with that value match
    assertThat(found).containsExactlyInAnyOrderElementsOf(north);
  }

  @Test
  void combinesOrFilters() {
    // when the client asks for either of two instances
    List<Long> found =
        client
            .newProcessInstanceSearchRequest()
            .filter(
                f ->
                    f.orFilters(
                        List.of(
                            o -> o.processInstanceKey(north.get(0)),
                            o -> o.processInstanceKey(south.get(1)))))
            .send()
            .join()
            .items()
            .stream()
            .map(ProcessInstance::getProcessInstanceKey)
            .toList();

    // then both, and only those, are found
    assertThat(found).containsExactlyInAnyOrder(north.get(0), south.get(1));
  }

  @Test
  void findsUserTasksByCandidateGroupMembership() {
    // when the client asks for tasks of any of two groups
    List<Long> anyOf = groupTasks(f -> f.candidateGroup(g -> g.in("WATER_SUPPLY", "PARKS")));

    // then only the task whose list holds one of them matches
    assertThat(anyOf).containsExactly(water);
  }

  @Test
  void findsUserTasksByProcessInstanceVariables() {
    assertThat(groupTasks(f -> f.processInstanceVariables(Map.of("district", "south"))))
        .containsExactly(traffic);
  }

  private static long startGroupTask(List<String> groups, String district) {
    long instance =
        EngineTestSupport.createInstance(
            client, "group-task", Map.of("groups", groups, "district", district));
    return await()
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(f -> f.processInstanceKey(instance))
                    .send()
                    .join()
                    .items(),
            items -> items.size() == 1)
        .get(0)
        .getUserTaskKey();
  }

  private static List<Long> groupTasks(java.util.function.Consumer<UserTaskFilter> filter) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> filter.accept(f.bpmnProcessId("group-task")))
        .send()
        .join()
        .items()
        .stream()
        .map(UserTask::getUserTaskKey)
        .toList();
  }

  private static SearchResponse<ProcessInstance> page(String after, String before) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId("service-user"))
        .sort(s -> s.processInstanceKey().asc())
        .page(
            p -> {
              p.limit(2);
              if (after != null) {
                p.after(after);
              }
              if (before != null) {
                p.before(before);
              }
            })
        .send()
        .join();
  }
}
