package io.cityflow.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.FormSchema;
import io.cityflow.cases.WorkflowCaseUpdates;
import io.cityflow.cases.camunda.FakeTaskEngine;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The clerk's task list end to end over HTTP, with the engine's user tasks faked: a citizen
 * submits, the process (here: the test) routes the case and opens a task, a clerk of the department
 * claims and completes it, and the citizen sees the new status.
 */
@MicronautTest(transactional = false)
class TaskListTest {
  private static final AtomicLong INSTANCES = new AtomicLong(4_503_599_627_370_000L);
  private static final FormSchema REPLY_FORM =
      FormSchema.fromJson(
          Map.of(
              "id",
              "reply-to-citizen",
              "components",
              List.of(
                  Map.of("type", "textarea", "key", "reply", "validate", Map.of("required", true)),
                  Map.of(
                      "type",
                      "select",
                      "key",
                      "resolved",
                      "validate",
                      Map.of("required", true),
                      "values",
                      List.of(
                          Map.of("label", "Yes", "value", "yes"),
                          Map.of("label", "No", "value", "no"))))));

  @Inject
  @Client("/")
  HttpClient client;

  @Inject FakeTaskEngine engine;
  @Inject WorkflowCaseUpdates workflow;

  Api api;
  String waterClerk;
  String trafficClerk;

  @BeforeEach
  void setUp() {
    api = new Api(client.toBlocking());
    waterClerk = api.login("clerk.water", "demo-clerk");
    trafficClerk = api.login("clerk.traffic", "demo-clerk");
  }

  /** Submits over HTTP, then does what the hotline process would: route and open a task. */
  private Map<String, Object> submittedWithTask(String subject) {
    Map<String, Object> ticket = new java.util.HashMap<>(Api.hotlineTicket("water"));
    ticket.put("subject", subject);
    Map<String, Object> receipt = api.submit(ticket).body();
    String ref = (String) receipt.get("reference");
    String caseId = (String) api.staffGet(waterClerk, "/api/staff/cases/" + ref).body().get("id");
    long instance = INSTANCES.incrementAndGet();
    workflow.apply(
        new WorkflowCaseUpdates.StatusUpdate(
            UUID.fromString(caseId), CaseStatus.ROUTED, "WATER_SUPPLY", null, null, instance));
    long task = engine.open(instance, "Reply to citizen", "WATER_SUPPLY", REPLY_FORM);
    Map<String, Object> result = new java.util.HashMap<>(receipt);
    result.put("taskKey", task);
    result.put("caseId", caseId);
    return result;
  }

  @Test
  void aClerkOfTheDepartmentSeesClaimsAndCompletesTheTaskAndTheCitizenSeesTheNewStatus() {
    // given
    Map<String, Object> c = submittedWithTask("Hydrant leaking " + UUID.randomUUID());
    long task = (long) c.get("taskKey");
    String ref = (String) c.get("reference");

    // when the clerk looks at the department queue, claims and completes
    Api.Reply queue = api.staffGet(waterClerk, "/api/staff/tasks?department=WATER_SUPPLY&q=" + ref);
    Api.Reply claimed = api.staffPost(waterClerk, "/api/staff/tasks/" + task + "/claim", Map.of());
    Api.Reply done =
        api.staffPost(
            waterClerk,
            "/api/staff/tasks/" + task + "/complete",
            Map.of("variables", Map.of("reply", "Crew sent", "resolved", "yes")));
    // and the process reports the outcome
    workflow.apply(
        new WorkflowCaseUpdates.StatusUpdate(
            UUID.fromString((String) c.get("caseId")),
            CaseStatus.IN_PROGRESS,
            null,
            null,
            null,
            null));

    // then
    assertThat(queue.status()).isEqualTo(200);
    assertThat(queue.list("items")).hasSize(1);
    assertThat(queue.list("items").get(0))
        .containsEntry("caseReference", ref)
        .containsEntry("contactName", "李*");
    assertThat(claimed.body()).containsEntry("assignee", "clerk.water");
    assertThat(done.status()).isEqualTo(200);
    assertThat(engine.completed.get(task)).containsEntry("reply", "Crew sent");
    Api.Reply tracked = api.track(ref, (String) c.get("trackingCode"));
    assertThat(tracked.body()).containsEntry("status", "IN_PROGRESS");
  }

  @Test
  void anEscalationReachesTheDepartmentsSupervisorsQueueAndNotItsClerks() {
    // given the process hands a ticket to the water supply's supervisors
    Map<String, Object> c = submittedWithTask("Escalated " + UUID.randomUUID());
    String ref = (String) c.get("reference");
    long instance = engine.task((long) c.get("taskKey")).orElseThrow().processInstanceKey();
    long escalation =
        engine.open(instance, "Supervise escalated ticket", "WATER_SUPPLY_SUPERVISORS", REPLY_FORM);
    String supervisor = api.login("supervisor.water", "demo-supervisor");

    // when
    Api.Reply supervisorQueue = api.staffGet(supervisor, "/api/staff/tasks?q=" + ref);
    Api.Reply supervisorsGroup =
        api.staffGet(supervisor, "/api/staff/tasks?department=WATER_SUPPLY_SUPERVISORS&q=" + ref);
    Api.Reply clerkQueue = api.staffGet(waterClerk, "/api/staff/tasks?q=" + ref);
    Api.Reply clerkClaim =
        api.staffPost(waterClerk, "/api/staff/tasks/" + escalation + "/claim", Map.of());
    Api.Reply claimed =
        api.staffPost(supervisor, "/api/staff/tasks/" + escalation + "/claim", Map.of());

    // then
    assertThat(supervisorQueue.list("items"))
        .extracting(t -> t.get("name"))
        .contains("Supervise escalated ticket");
    assertThat(supervisorsGroup.list("items"))
        .extracting(t -> t.get("name"))
        .containsExactly("Supervise escalated ticket");
    assertThat(clerkQueue.list("items"))
        .extracting(t -> t.get("name"))
        .doesNotContain("Supervise escalated ticket");
    assertThat(clerkClaim.status()).isEqualTo(404);
    assertThat(claimed.body()).containsEntry("assignee", "supervisor.water");
  }

  @Test
  void completingWithDataThatDoesNotFitTheFormNamesEveryFieldAndCompletesNothing() {
    Map<String, Object> c = submittedWithTask("Form check " + UUID.randomUUID());
    long task = (long) c.get("taskKey");
    api.staffPost(waterClerk, "/api/staff/tasks/" + task + "/claim", Map.of());

    Api.Reply reply =
        api.staffPost(
            waterClerk,
            "/api/staff/tasks/" + task + "/complete",
            Map.of("variables", Map.of("resolved", "maybe", "extra", 1)));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.list("errors"))
        .extracting(e -> e.get("field"))
        .contains("variables.reply", "variables.resolved", "variables.extra");
    assertThat(engine.completed).doesNotContainKey(task);
  }

  @Test
  void aClerkOfAnotherDepartmentNeitherSeesNorTouchesTheTask() {
    Map<String, Object> c = submittedWithTask("Other dept " + UUID.randomUUID());
    long task = (long) c.get("taskKey");

    Api.Reply list = api.staffGet(trafficClerk, "/api/staff/tasks?q=" + c.get("reference"));
    Api.Reply queue = api.staffGet(trafficClerk, "/api/staff/tasks?department=WATER_SUPPLY");
    Api.Reply claim = api.staffPost(trafficClerk, "/api/staff/tasks/" + task + "/claim", Map.of());
    Api.Reply complete =
        api.staffPost(
            trafficClerk,
            "/api/staff/tasks/" + task + "/complete",
            Map.of("variables", Map.of("reply", "x", "resolved", "yes")));

    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    assertThat(list.list("items")).isEmpty();
    assertThat(queue.status()).isEqualTo(403);
    assertThat(claim.status()).isEqualTo(404);
    assertThat(complete.status()).isEqualTo(404);
    assertThat(engine.task(task).orElseThrow().assignee()).isNull();
    assertThat(engine.completed).doesNotContainKey(task);
  }

  @Test
  void aTaskMustBeClaimedBeforeItIsCompleted() {
    Map<String, Object> c = submittedWithTask("Unclaimed " + UUID.randomUUID());
    long task = (long) c.get("taskKey");

    Api.Reply reply =
        api.staffPost(
            waterClerk,
            "/api/staff/tasks/" + task + "/complete",
            Map.of("variables", Map.of("reply", "x", "resolved", "yes")));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.body()).containsEntry("field", "task");
  }

  @Test
  void mineShowsOnlyMyClaimedTasks() {
    Map<String, Object> c = submittedWithTask("Mine " + UUID.randomUUID());
    long task = (long) c.get("taskKey");
    api.staffPost(waterClerk, "/api/staff/tasks/" + task + "/claim", Map.of());

    Api.Reply mine = api.staffGet(waterClerk, "/api/staff/tasks?mine=true&size=100");

    assertThat(mine.list("items")).extracting(i -> i.get("assignee")).containsOnly("clerk.water");
    assertThat(mine.list("items"))
        .extracting(i -> ((Number) i.get("taskKey")).longValue())
        .contains(task);
  }
}
