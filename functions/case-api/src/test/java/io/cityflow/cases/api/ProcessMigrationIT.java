package io.cityflow.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.cityflow.cases.camunda.FakeProcessModels;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The migration endpoints on a real PostgreSQL database (the audit), with the engine in memory
 * ({@link FakeProcessModels}, which follows the local engine's migration rules). The real engine is
 * exercised by the local stack's browser test.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessMigrationIT {
  private PostgresDatabase database;
  private PostgresServers.Running app;
  private FakeProcessModels engine;
  private Api api;
  private String owner;

  @BeforeAll
  void start(PostgresDatabase database) {
    this.database = database;
    app = PostgresServers.startWithClient(database);
    engine = app.bean(FakeProcessModels.class);
    api = app.api();
    owner = api.login("owner", "demo-owner");
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** Start, Task_A, Task_B (with a timer on it), the last task, end. */
  private static String model(String process, String taskAName, String lastTask) {
    return Bpmn.convertToString(
        Bpmn.createExecutableProcess(process)
            .startEvent("StartEvent_Begun")
            .userTask("Task_A")
            .name(taskAName)
            .userTask("Task_B")
            .userTask(lastTask)
            .endEvent("EndEvent_Done")
            .moveToActivity("Task_B")
            .boundaryEvent("Event_BTimer")
            .timerWithDuration("PT1H")
            .endEvent("EndEvent_TimedOut")
            .done());
  }

  private long deploy(String process, String xml) {
    return engine.deploy(process + ".bpmn", xml.getBytes(StandardCharsets.UTF_8)).get(0).key();
  }

  /** Version 1 and 2 of a process: 2 renames Task_A's label and replaces Task_C by Task_D. */
  private long[] twoVersions(String process) {
    return new long[] {
      deploy(process, model(process, "Check", "Task_C")),
      deploy(process, model(process, "Check the request", "Task_D"))
    };
  }

  private long count(String sql) throws Exception {
    try (Connection c = database.connect()) {
      ResultSet rs = c.createStatement().executeQuery(sql);
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Map<String, Object> body(Object... keysAndValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static Map<String, Object> element(Api.Reply plan, String id) {
    return plan.list("activeElements").stream()
        .filter(e -> id.equals(e.get("elementId")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " not in " + plan.body()));
  }

  @Test
  void thePlanShowsWhichWaitingElementsMapAndWhichTheEngineWillRefuse() {
    // given two versions and instances waiting in Task_A (2), Task_B (1) and Task_C (1)
    long[] v = twoVersions("plan-demo");
    engine.start(v[0], "Task_A");
    engine.start(v[0], "Task_A");
    engine.start(v[0], "Task_B");
    long atC = engine.start(v[0], "Task_C");

    // when
    Api.Reply plan =
        api.staffPost(owner, "/api/models/" + v[0] + "/migration-plan", body("targetKey", v[1]));

    // then
    assertThat(plan.status()).as("%s", plan.body()).isEqualTo(200);
    assertThat(plan.body())
        .containsEntry("runningInstances", 4)
        .containsEntry("migratable", 3)
        .containsEntry("blocked", 1)
        .containsEntry("complete", true)
        .containsEntry("batchSize", 25);
    assertThat(element(plan, "Task_A"))
        .containsEntry("instances", 2)
        .containsEntry("mapped", true)
        .containsEntry("targetElementId", "Task_A");
    // a task with a boundary timer moves with it (the timer keeps its due date, ADR 0017)
    assertThat(element(plan, "Task_B"))
        .containsEntry("mapped", true)
        .containsEntry("targetElementId", "Task_B");
    assertThat(element(plan, "Task_C")).containsEntry("mapped", false);
    assertThat((String) element(plan, "Task_C").get("problem")).contains("version 2 has no");
    assertThat(plan.list("mappings"))
        .extracting(m -> m.get("sourceElementId"))
        .contains("Task_A", "Task_B")
        .doesNotContain("Task_C");
    // and a plan changes nothing
    assertThat(engine.instances.get(atC).definitionKey()).isEqualTo(v[0]);

    // when the owner maps the replaced task
    Api.Reply mapped =
        api.staffPost(
            owner,
            "/api/models/" + v[0] + "/migration-plan",
            body(
                "targetKey",
                v[1],
                "mappings",
                List.of(body("sourceElementId", "Task_C", "targetElementId", "Task_D"))));

    // then its instance can move too
    assertThat(element(mapped, "Task_C"))
        .containsEntry("mapped", true)
        .containsEntry("targetElementId", "Task_D");
    assertThat(mapped.body()).containsEntry("migratable", 4);
  }

  @Test
  void theElementsOfAVersionAreListedWithNamesAndTypesToMapRenamedElementsTo() {
    // given
    long[] v = twoVersions("elements-demo");

    // when
    Api.Reply elements = api.staffGet(owner, "/api/models/" + v[1] + "/elements");

    // then the target version's flow nodes, with the types a plan compares
    assertThat(elements.status()).as("%s", elements.body()).isEqualTo(200);
    assertThat(elements.body())
        .containsEntry("processId", "elements-demo")
        .containsEntry("version", 2);
    assertThat(((Number) elements.body().get("key")).longValue()).isEqualTo(v[1]);
    assertThat(elements.list("elements"))
        .extracting(e -> e.get("id"), e -> e.get("name"), e -> e.get("type"))
        .contains(
            org.assertj.core.groups.Tuple.tuple("Task_A", "Check the request", "userTask"),
            org.assertj.core.groups.Tuple.tuple("Task_D", "Task_D", "userTask"),
            org.assertj.core.groups.Tuple.tuple(
                "Event_BTimer", "Event_BTimer", "boundaryEvent (timer)"))
        .extracting(t -> t.toList().get(0))
        .doesNotContain("Task_C");
  }

  @Test
  void elementsOfAnUnknownVersionOrForAnotherRoleAreAProblem() {
    // given
    long[] v = twoVersions("elements-bad-demo");
    String clerk = api.login("clerk.water", "demo-clerk");

    // when
    Api.Reply unknown = api.staffGet(owner, "/api/models/424242/elements");
    Api.Reply notANumber = api.staffGet(owner, "/api/models/Task_A/elements");
    Api.Reply forbidden = api.staffGet(clerk, "/api/models/" + v[1] + "/elements");
    Api.Reply anonymous = api.staffGet(null, "/api/models/" + v[1] + "/elements");

    // then
    assertThat(unknown.status()).as("%s", unknown.body()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.body().toString()).contains("424242");
    assertThat(notANumber.status()).as("%s", notANumber.body()).isEqualTo(400);
    assertThat(notANumber.contentType()).startsWith("application/problem+json");
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.contentType()).startsWith("application/problem+json");
    assertThat(forbidden.body()).doesNotContainKey("elements");
    assertThat(anonymous.status()).isEqualTo(401);
  }

  @Test
  @SuppressWarnings("rawtypes")
  void aRunWithTheOwnersMappingMovesTheRenamedTaskAndTheAuditShowsTheMapping() throws Exception {
    // given an instance waiting in Task_C, which version 2 calls Task_D
    long[] v = twoVersions("mapped-run-demo");
    long atC = engine.start(v[0], "Task_C");
    List<Map<String, Object>> mappings =
        List.of(body("sourceElementId", "Task_C", "targetElementId", "Task_D"));

    // when
    Api.Reply run =
        api.staffPost(
            owner,
            "/api/models/" + v[0] + "/migrations",
            body("targetKey", v[1], "mappings", mappings));

    // then it continues in Task_D on version 2
    assertThat(run.status()).as("%s", run.body()).isEqualTo(200);
    assertThat(run.list("results").get(0)).containsEntry("outcome", "MIGRATED");
    assertThat(engine.instances.get(atC).definitionKey()).isEqualTo(v[1]);
    assertThat(engine.instances.get(atC).activeElementIds()).containsExactly("Task_D");

    // and the audit lists the owner's mapping with the batch
    String id = (String) run.body().get("id");
    assertThat(
            count(
                "select count(*) from process_migration where id = '"
                    + id
                    + "' and mappings like '%Task_C -> Task_D%'"))
        .isEqualTo(1);
    List<Map> history =
        app.http()
            .toBlocking()
            .retrieve(
                io.micronaut.http.HttpRequest.GET("/api/models/migrations?limit=20")
                    .bearerAuth(owner),
                io.micronaut.core.type.Argument.listOf(Map.class));
    Map<?, ?> audited =
        history.stream().filter(r -> id.equals(r.get("id"))).findFirst().orElseThrow();
    assertThat(audited.get("mappings"))
        .asList()
        .contains(Map.of("sourceElementId", "Task_C", "targetElementId", "Task_D"));
  }

  @Test
  void anOwnerSendsAnElementThatKeptItsIdElsewhere() throws Exception {
    // given an instance waiting in Task_A, which version 2 still has under the same id
    long[] v = twoVersions("override-demo");
    long atA = engine.start(v[0], "Task_A");
    List<Map<String, Object>> mappings =
        List.of(body("sourceElementId", "Task_A", "targetElementId", "Task_B"));

    // when the owner plans with Task_A sent to Task_B
    Api.Reply plan =
        api.staffPost(
            owner,
            "/api/models/" + v[0] + "/migration-plan",
            body("targetKey", v[1], "mappings", mappings));

    // then the plan has it continue in Task_B, not in its same-id counterpart
    assertThat(plan.status()).as("%s", plan.body()).isEqualTo(200);
    assertThat(element(plan, "Task_A"))
        .containsEntry("mapped", true)
        .containsEntry("targetElementId", "Task_B");
    assertThat(plan.list("mappings"))
        .contains(body("sourceElementId", "Task_A", "targetElementId", "Task_B"))
        .doesNotContain(body("sourceElementId", "Task_A", "targetElementId", "Task_A"));

    // when it runs
    Api.Reply run =
        api.staffPost(
            owner,
            "/api/models/" + v[0] + "/migrations",
            body("targetKey", v[1], "mappings", mappings));

    // then the instance waits in Task_B of version 2, and the audit records the override
    assertThat(run.status()).as("%s", run.body()).isEqualTo(200);
    assertThat(run.list("results").get(0)).containsEntry("outcome", "MIGRATED");
    assertThat(engine.instances.get(atA).definitionKey()).isEqualTo(v[1]);
    assertThat(engine.instances.get(atA).activeElementIds()).containsExactly("Task_B");
    assertThat(
            count(
                "select count(*) from process_migration where id = '"
                    + run.body().get("id")
                    + "' and mappings like '%Task_A -> Task_B%'"
                    + " and mappings not like '%Task_A -> Task_A%'"))
        .isEqualTo(1);
  }

  @Test
  void overridingASameIdElementWithAnotherTypeAnUnknownIdOrALeftBehindTimerIsRefused()
      throws Exception {
    // given instances waiting in Task_A and Task_B, which version 2 has under the same ids
    long[] v = twoVersions("override-bad-demo");
    long atA = engine.start(v[0], "Task_A");
    long atB = engine.start(v[0], "Task_B");
    long audits = count("select count(*) from process_migration");

    // when the owner maps Task_A to an end event, or to an element version 2 does not have
    Map<String, Api.Reply> replies = new java.util.LinkedHashMap<>();
    for (String path : new String[] {"/migration-plan", "/migrations"}) {
      replies.put(
          path + " another type",
          api.staffPost(
              owner,
              "/api/models/" + v[0] + path,
              body(
                  "targetKey",
                  v[1],
                  "mappings",
                  List.of(body("sourceElementId", "Task_A", "targetElementId", "EndEvent_Done")))));
      replies.put(
          path + " unknown element",
          api.staffPost(
              owner,
              "/api/models/" + v[0] + path,
              body(
                  "targetKey",
                  v[1],
                  "mappings",
                  List.of(body("sourceElementId", "Task_A", "targetElementId", "Task_Nope")))));
    }

    // or keeps Task_B's timer while sending Task_B elsewhere
    replies.put(
        "boundary event left behind",
        api.staffPost(
            owner,
            "/api/models/" + v[0] + "/migrations",
            body(
                "targetKey",
                v[1],
                "mappings",
                List.of(
                    body("sourceElementId", "Task_B", "targetElementId", "Task_A"),
                    body("sourceElementId", "Event_BTimer", "targetElementId", "Event_BTimer")))));

    // then each is a problem naming the mapping (ADR 0020: a refused mapping is a 422)
    replies.forEach(
        (what, reply) -> {
          assertThat(reply.status()).as(what + ": " + reply.body()).isEqualTo(422);
          assertThat(reply.contentType()).as(what).startsWith("application/problem+json");
          assertThat(reply.body().toString()).as(what).contains("].targetElementId");
        });
    assertThat(replies.get("boundary event left behind").body().toString())
        .contains("mappings[1].targetElementId")
        .contains("'Event_BTimer' is a boundary event of 'Task_B', which continues in 'Task_A'");
    assertThat(replies.get("/migrations another type").body().toString())
        .contains("only elements of the same type map");
    assertThat(replies.get("/migrations unknown element").body().toString())
        .contains("version 2 has no element 'Task_Nope'");

    // and nothing moved or was recorded
    assertThat(engine.instances.get(atA).definitionKey()).isEqualTo(v[0]);
    assertThat(engine.instances.get(atB).definitionKey()).isEqualTo(v[0]);
    assertThat(engine.instances.get(atA).activeElementIds()).containsExactly("Task_A");
    assertThat(count("select count(*) from process_migration")).isEqualTo(audits);
  }

  @Test
  void aBoundaryEventFollowsItsElementWhenTheOwnerSendsTheElementElsewhere() throws Exception {
    // given an instance waiting in Task_B, whose timer Event_BTimer version 2 keeps on Task_B
    long[] v = twoVersions("boundary-override-demo");
    long atB = engine.start(v[0], "Task_B");
    List<Map<String, Object>> mappings =
        List.of(body("sourceElementId", "Task_B", "targetElementId", "Task_A"));

    // when the owner sends Task_B's cases to Task_A, which has no timer
    Api.Reply plan =
        api.staffPost(
            owner,
            "/api/models/" + v[0] + "/migration-plan",
            body("targetKey", v[1], "mappings", mappings));
    Api.Reply run =
        api.staffPost(
            owner,
            "/api/models/" + v[0] + "/migrations",
            body("targetKey", v[1], "mappings", mappings));

    // then the timer is left out of the mapping (it closes), and the engine moves the instance
    assertThat(element(plan, "Task_B"))
        .containsEntry("mapped", true)
        .containsEntry("targetElementId", "Task_A");
    assertThat(plan.list("mappings"))
        .extracting(m -> m.get("sourceElementId"))
        .contains("Task_B")
        .doesNotContain("Event_BTimer");
    assertThat(run.list("results").get(0))
        .as("%s", run.body())
        .containsEntry("outcome", "MIGRATED");
    assertThat(engine.instances.get(atB).definitionKey()).isEqualTo(v[1]);
    assertThat(engine.instances.get(atB).activeElementIds()).containsExactly("Task_A");
    assertThat(
            count(
                "select count(*) from process_migration where id = '"
                    + run.body().get("id")
                    + "' and mappings like '%Task_B -> Task_A%'"
                    + " and mappings not like '%Event_BTimer%'"))
        .isEqualTo(1);
  }

  @Test
  void aBoundaryEventTheNewVersionAttachesElsewhereStartsAfresh() {
    // given version 2 moves the timer from Task_B to Task_A, and an instance waits in Task_B
    java.util.function.Function<String, String> model =
        host ->
            Bpmn.convertToString(
                Bpmn.createExecutableProcess("boundary-moved-demo")
                    .startEvent("StartEvent_Begun")
                    .userTask("Task_A")
                    .userTask("Task_B")
                    .endEvent("EndEvent_Done")
                    .moveToActivity(host)
                    .boundaryEvent("Event_Timer")
                    .cancelActivity(false)
                    .timerWithDuration("PT1H")
                    .endEvent("EndEvent_TimedOut")
                    .done());
    long v1 = deploy("boundary-moved-demo", model.apply("Task_B"));
    long v2 = deploy("boundary-moved-demo", model.apply("Task_A"));
    long atB = engine.start(v1, "Task_B");

    // when
    Api.Reply plan =
        api.staffPost(owner, "/api/models/" + v1 + "/migration-plan", body("targetKey", v2));
    Api.Reply run =
        api.staffPost(owner, "/api/models/" + v1 + "/migrations", body("targetKey", v2));

    // then the plan does not map the timer to one on another task, and the engine agrees
    assertThat(plan.body()).containsEntry("migratable", 1);
    assertThat(plan.list("mappings"))
        .extracting(m -> m.get("sourceElementId"))
        .contains("Task_B")
        .doesNotContain("Event_Timer");
    assertThat(run.list("results").get(0))
        .as("%s", run.body())
        .containsEntry("outcome", "MIGRATED");
    assertThat(engine.instances.get(atB).activeElementIds()).containsExactly("Task_B");
  }

  @Test
  void aBoundaryEventTakesOverTheTimerOfOneEventOnly() throws Exception {
    // given two versions in which Task_A and Task_B each carry a timer
    String xml =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess("boundary-twice-demo")
                .startEvent("StartEvent_Begun")
                .userTask("Task_A")
                .userTask("Task_B")
                .endEvent("EndEvent_Done")
                .moveToActivity("Task_A")
                .boundaryEvent("Event_ATimer")
                .cancelActivity(false)
                .timerWithDuration("PT1H")
                .endEvent("EndEvent_ALate")
                .moveToActivity("Task_B")
                .boundaryEvent("Event_BTimer")
                .cancelActivity(false)
                .timerWithDuration("PT2H")
                .endEvent("EndEvent_BLate")
                .done());
    long v1 = deploy("boundary-twice-demo", xml);
    long v2 = deploy("boundary-twice-demo", xml.replace("PT2H", "PT3H"));
    long atA = engine.start(v1, "Task_A");
    long audits = count("select count(*) from process_migration");
    String plan = "/api/models/" + v1 + "/migration-plan";

    // when the owner sends Task_A to Task_B with its timer, or maps both timers onto Task_B's
    Api.Reply ownerWins =
        api.staffPost(
            owner,
            plan,
            body(
                "targetKey",
                v2,
                "mappings",
                List.of(
                    body("sourceElementId", "Task_A", "targetElementId", "Task_B"),
                    body("sourceElementId", "Event_ATimer", "targetElementId", "Event_BTimer"))));
    Api.Reply twice =
        api.staffPost(
            owner,
            "/api/models/" + v1 + "/migrations",
            body(
                "targetKey",
                v2,
                "mappings",
                List.of(
                    body("sourceElementId", "Task_A", "targetElementId", "Task_B"),
                    body("sourceElementId", "Event_ATimer", "targetElementId", "Event_BTimer"),
                    body("sourceElementId", "Event_BTimer", "targetElementId", "Event_BTimer"))));

    // then the owner's mapping takes Task_B's timer and the same-id one is left out
    assertThat(ownerWins.status()).as("%s", ownerWins.body()).isEqualTo(200);
    assertThat(ownerWins.list("mappings"))
        .contains(body("sourceElementId", "Event_ATimer", "targetElementId", "Event_BTimer"))
        .doesNotContain(body("sourceElementId", "Event_BTimer", "targetElementId", "Event_BTimer"));
    // and two of the owner's onto one timer are refused, changing nothing
    assertThat(twice.status()).as("%s", twice.body()).isEqualTo(422);
    assertThat(twice.contentType()).startsWith("application/problem+json");
    assertThat(twice.body().toString())
        .contains("mappings[2].targetElementId")
        .contains("'Event_BTimer' is already the counterpart of 'Event_ATimer'");
    assertThat(engine.instances.get(atA).definitionKey()).isEqualTo(v1);
    assertThat(count("select count(*) from process_migration")).isEqualTo(audits);
  }

  /**
   * Task_Assign (form assign-form, group station) and Task_Visit (form visit-form, groups by
   * expression, an SLA timer); version 2 gives Task_Assign a message boundary event.
   */
  private static String formsModel(String process, boolean withdrawable) {
    var builder =
        Bpmn.createExecutableProcess(process)
            .startEvent("StartEvent_Begun")
            .userTask("Task_Assign")
            .name("Assign a worker")
            .zeebeUserTask()
            .zeebeFormId("assign-form")
            .zeebeCandidateGroups("station")
            .userTask("Task_Visit")
            .name("Record the visit")
            .zeebeUserTask()
            .zeebeFormId("visit-form")
            .zeebeCandidateGroupsExpression("serviceStation")
            .endEvent("EndEvent_Done")
            .moveToActivity("Task_Visit")
            .boundaryEvent("Event_VisitSla")
            .name("Visit overdue")
            .cancelActivity(false)
            .timerWithDateExpression("slaWarnAt")
            .endEvent("EndEvent_Late");
    if (withdrawable) {
      builder =
          builder
              .moveToActivity("Task_Assign")
              .boundaryEvent("Event_Withdrawn")
              .name("Request withdrawn")
              .message(m -> m.name("case-withdrawn").zeebeCorrelationKeyExpression("caseId"))
              .endEvent("EndEvent_Withdrawn");
    }
    return Bpmn.convertToString(builder.done());
  }

  @Test
  void theElementsOfAVersionNameTheFormAndCandidateGroupsOfEachUserTask() {
    // given
    long v1 = deploy("forms-elements-demo", formsModel("forms-elements-demo", false));

    // when
    Api.Reply elements = api.staffGet(owner, "/api/models/" + v1 + "/elements");

    // then user tasks carry their form and groups as the model names them, boundary events their
    // host, and other elements neither
    assertThat(elements.status()).as("%s", elements.body()).isEqualTo(200);
    assertThat(elements.list("elements"))
        .extracting(
            e -> e.get("id"),
            e -> e.get("formId"),
            e -> e.get("candidateGroups"),
            e -> e.get("attachedToId"))
        .contains(
            org.assertj.core.groups.Tuple.tuple("Task_Assign", "assign-form", "station", null),
            org.assertj.core.groups.Tuple.tuple(
                "Task_Visit", "visit-form", "=serviceStation", null),
            org.assertj.core.groups.Tuple.tuple("Event_VisitSla", null, null, "Task_Visit"),
            org.assertj.core.groups.Tuple.tuple("EndEvent_Done", null, null, null));
  }

  @Test
  void thePlanWarnsThatAMovedTaskKeepsItsFormAndNamesTheTimersThatDoNotCarryOver() {
    // given an instance waiting in each task of version 1, and version 2 with a message event on
    // Task_Assign
    String process = "forms-plan-demo";
    long v1 = deploy(process, formsModel(process, false));
    long v2 = deploy(process, formsModel(process, true));
    long atAssign = engine.start(v1, "Task_Assign");
    long atVisit = engine.start(v1, "Task_Visit");

    // when the owner plans with the defaults, and with the visit sent back to assignment
    Api.Reply byId =
        api.staffPost(owner, "/api/models/" + v1 + "/migration-plan", body("targetKey", v2));
    Api.Reply sentBack =
        api.staffPost(
            owner,
            "/api/models/" + v1 + "/migration-plan",
            body(
                "targetKey",
                v2,
                "mappings",
                List.of(body("sourceElementId", "Task_Visit", "targetElementId", "Task_Assign"))));

    // then by id, the visit keeps its form, groups and timer: nothing to warn about
    assertThat(byId.status()).as("%s", byId.body()).isEqualTo(200);
    assertNothingToWarnAbout(element(byId, "Task_Visit"));
    // and the assignment task's new message event opens as on entering it
    assertThat(element(byId, "Task_Assign").get("keptTask")).isNull();
    assertThat(element(byId, "Task_Assign").get("boundaryEvents"))
        .isEqualTo(
            List.of(
                Map.of(
                    "elementId", "Event_Withdrawn",
                    "name", "Request withdrawn",
                    "kind", "message",
                    "change", "STARTS")));
    assertThat(element(byId, "Task_Assign").get("warnings"))
        .asList()
        .containsExactly("message 'Event_Withdrawn' starts afresh, as on entering 'Task_Assign'");

    // and sent back, the moved task keeps the visit's form and groups, its timer closes, and the
    // assignment task's message event opens
    assertThat(sentBack.status()).as("%s", sentBack.body()).isEqualTo(200);
    Map<String, Object> visit = element(sentBack, "Task_Visit");
    assertThat(visit).containsEntry("mapped", true).containsEntry("targetElementId", "Task_Assign");
    assertThat(visit.get("keptTask"))
        .isEqualTo(
            Map.of(
                "sourceVersion", 1,
                "formId", "visit-form",
                "candidateGroups", "=serviceStation",
                "targetFormId", "assign-form",
                "targetCandidateGroups", "station"));
    assertThat(visit.get("boundaryEvents"))
        .asList()
        .containsExactly(
            Map.of(
                "elementId", "Event_VisitSla",
                "name", "Visit overdue",
                "kind", "timer",
                "change", "CLOSES"),
            Map.of(
                "elementId", "Event_Withdrawn",
                "name", "Request withdrawn",
                "kind", "message",
                "change", "STARTS"));
    assertThat(visit.get("warnings"))
        .asList()
        .containsExactly(
            "cases keep the form 'visit-form' and the candidate groups of version 1 until this"
                + " step completes; 'Task_Assign' has the form 'assign-form' and the candidate"
                + " groups 'station'",
            "timer 'Event_VisitSla' closes: it has no counterpart where the cases continue",
            "message 'Event_Withdrawn' starts afresh, as on entering 'Task_Assign'");
    // and the timer is what the mapping leaves out, so the plan and the run agree
    assertThat(sentBack.list("mappings"))
        .extracting(m -> m.get("sourceElementId"))
        .doesNotContain("Event_VisitSla");

    // and a plan moves nothing
    assertThat(engine.instances.get(atAssign).definitionKey()).isEqualTo(v1);
    assertThat(engine.instances.get(atVisit).definitionKey()).isEqualTo(v1);
  }

  @Test
  void aRowThatStaysCarriesNoWarnings() {
    // given version 2 renames the visit task, and an instance waits in it
    String process = "forms-stays-demo";
    long v1 = deploy(process, formsModel(process, false));
    long v2 = deploy(process, formsModel(process, true).replace("Task_Visit", "Task_Inspect"));
    engine.start(v1, "Task_Visit");

    // when
    Api.Reply plan =
        api.staffPost(owner, "/api/models/" + v1 + "/migration-plan", body("targetKey", v2));

    // then the row says why it stays, and nothing about what moving would keep
    assertThat(element(plan, "Task_Visit")).containsEntry("mapped", false);
    assertNothingToWarnAbout(element(plan, "Task_Visit"));
  }

  private static void assertNothingToWarnAbout(Map<String, Object> row) {
    assertThat(row.get("keptTask")).as("%s", row).isNull();
    assertThat(row.get("boundaryEvents")).as("%s", row).isEqualTo(List.of());
    assertThat(row.get("warnings")).as("%s", row).isEqualTo(List.of());
  }

  @Test
  void anInstanceWaitingInsideAnEmbeddedSubprocessMovesWithIt() {
    // given two versions of a process with an embedded subprocess, and an instance inside it
    java.util.function.Function<String, String> model =
        label ->
            Bpmn.convertToString(
                Bpmn.createExecutableProcess("scope-demo")
                    .startEvent("StartEvent_Begun")
                    .subProcess("SubProcess_Work")
                    .embeddedSubProcess()
                    .startEvent("StartEvent_Inner")
                    .userTask("Task_Inner")
                    .name(label)
                    .endEvent("EndEvent_Inner")
                    .subProcessDone()
                    .endEvent("EndEvent_Done")
                    .done());
    long v1 = deploy("scope-demo", model.apply("Work"));
    long v2 = deploy("scope-demo", model.apply("Do the work"));
    engine.start(v1, "SubProcess_Work", "Task_Inner");

    // when
    Api.Reply plan =
        api.staffPost(owner, "/api/models/" + v1 + "/migration-plan", body("targetKey", v2));

    // then both the subprocess and the task inside it map, and the instance can move
    assertThat(element(plan, "SubProcess_Work")).containsEntry("mapped", true);
    assertThat(element(plan, "Task_Inner")).containsEntry("mapped", true);
    assertThat(plan.body()).containsEntry("migratable", 1).containsEntry("blocked", 0);
  }

  @Test
  void aRunMovesEachInstanceOnItsOwnReportsRefusalsAndIsAudited() throws Exception {
    // given
    long[] v = twoVersions("run-demo");
    long atA = engine.start(v[0], "Task_A");
    long atC = engine.start(v[0], "Task_C");
    long before = count("select count(*) from process_migration");

    // when
    Api.Reply run =
        api.staffPost(owner, "/api/models/" + v[0] + "/migrations", body("targetKey", v[1]));

    // then the instance in Task_A moved; the one in Task_C stays, with the engine's reason
    assertThat(run.status()).as("%s", run.body()).isEqualTo(200);
    assertThat(engine.instances.get(atA).definitionKey()).isEqualTo(v[1]);
    assertThat(engine.instances.get(atC).definitionKey()).isEqualTo(v[0]);
    assertThat(engine.instances.get(atC).activeElementIds()).containsExactly("Task_C");
    assertThat(run.list("results"))
        .extracting(r -> ((Number) r.get("processInstanceKey")).longValue(), r -> r.get("outcome"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(atA, "MIGRATED"),
            org.assertj.core.groups.Tuple.tuple(atC, "REFUSED"));
    assertThat((String) run.list("results").get(1).get("reason"))
        .contains("active element 'Task_C' has no mapping");
    assertThat(run.body().get("totals"))
        .isEqualTo(Map.of("migrated", 1, "refused", 1, "failed", 0, "skipped", 0));
    assertThat(run.body()).containsEntry("remaining", 0).containsEntry("ranBy", "owner");

    // and the batch is in the audit, with the mapping and each instance's outcome
    String id = (String) run.body().get("id");
    assertThat(count("select count(*) from process_migration")).isEqualTo(before + 1);
    assertThat(
            count(
                "select count(*) from process_migration where id = '"
                    + id
                    + "' and ran_by = 'owner' and migrated = 1 and refused = 1"
                    + " and mappings like '%Task_A -> Task_A%'"))
        .isEqualTo(1);
    assertThat(
            count(
                "select count(*) from process_migration_result where migration_id = '"
                    + id
                    + "' and outcome = 'REFUSED' and reason like '%Task_C%'"))
        .isEqualTo(1);
    String history =
        app.http()
            .toBlocking()
            .retrieve(
                io.micronaut.http.HttpRequest.GET("/api/models/migrations?limit=5")
                    .bearerAuth(owner));
    assertThat(history).contains(id).contains("active element 'Task_C' has no mapping");

    // and running the same batch again moves nothing twice
    Api.Reply again =
        api.staffPost(
            owner,
            "/api/models/" + v[0] + "/migrations",
            body("targetKey", v[1], "instanceKeys", List.of(atA)));
    assertThat(again.list("results").get(0)).containsEntry("outcome", "SKIPPED");
    assertThat(engine.instances.get(atA).definitionKey()).isEqualTo(v[1]);
  }

  @Test
  @SuppressWarnings("unchecked")
  void manyInstancesMoveInBoundedBatchesThatTheCallerContinues() {
    // given 30 running instances
    long[] v = twoVersions("batch-demo");
    List<Long> keys = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      keys.add(engine.start(v[0], "Task_A"));
    }

    // when
    Api.Reply first =
        api.staffPost(owner, "/api/models/" + v[0] + "/migrations", body("targetKey", v[1]));
    Object next = first.body().get("nextAfterInstanceKey");
    Api.Reply second =
        api.staffPost(
            owner,
            "/api/models/" + v[0] + "/migrations",
            body("targetKey", v[1], "afterInstanceKey", next));

    // then
    assertThat(first.list("results")).hasSize(25);
    assertThat(first.body()).containsEntry("remaining", 5);
    assertThat(((Number) next).longValue()).isEqualTo(keys.get(24));
    assertThat(second.list("results")).hasSize(5);
    assertThat(second.body()).containsEntry("remaining", 0);
    assertThat(second.body().get("nextAfterInstanceKey")).isNull();
    assertThat(keys).allMatch(k -> engine.instances.get(k).definitionKey() == v[1]);
    assertThat((Map<String, Object>) second.body().get("totals")).containsEntry("migrated", 5);
  }

  @Test
  void badInputIsAProblemAndChangesNothing() throws Exception {
    // given
    long[] v = twoVersions("bad-demo");
    long other = deploy("other-demo", model("other-demo", "Check", "Task_C"));
    long waiting = engine.start(v[0], "Task_A");
    long audits = count("select count(*) from process_migration");
    String run = "/api/models/" + v[0] + "/migrations";

    // when / then
    Map<String, Api.Reply> replies = new java.util.LinkedHashMap<>();
    replies.put(
        "unknown source",
        api.staffPost(owner, "/api/models/424242/migrations", body("targetKey", v[1])));
    replies.put("unknown target", api.staffPost(owner, run, body("targetKey", 424242)));
    replies.put("other process", api.staffPost(owner, run, body("targetKey", other)));
    replies.put(
        "older target",
        api.staffPost(owner, "/api/models/" + v[1] + "/migrations", body("targetKey", v[0])));
    replies.put("same version", api.staffPost(owner, run, body("targetKey", v[0])));
    java.util.function.Function<String[], Api.Reply> mapped =
        pairs -> {
          List<Map<String, Object>> mappings = new ArrayList<>();
          for (int i = 0; i < pairs.length; i += 2) {
            mappings.add(body("sourceElementId", pairs[i], "targetElementId", pairs[i + 1]));
          }
          return api.staffPost(owner, run, body("targetKey", v[1], "mappings", mappings));
        };
    replies.put("unknown element", mapped.apply(new String[] {"Task_X", "Task_D"}));
    replies.put("different types", mapped.apply(new String[] {"Task_C", "EndEvent_Done"}));
    replies.put(
        "mapped twice", mapped.apply(new String[] {"Task_C", "Task_D", "Task_C", "Task_A"}));
    replies.put("blank mapping", mapped.apply(new String[] {"", "Task_D"}));
    replies.put("no target", api.staffPost(owner, run, body()));
    List<Long> tooMany = new ArrayList<>();
    for (long k = 1; k <= 26; k++) {
      tooMany.add(k);
    }
    replies.put(
        "too many instances",
        api.staffPost(owner, run, body("targetKey", v[1], "instanceKeys", tooMany)));

    replies.forEach(
        (what, reply) -> {
          assertThat(reply.status()).as(what + ": " + reply.body()).isIn(400, 422);
          assertThat(reply.contentType()).as(what).startsWith("application/problem+json");
        });
    assertThat(replies.get("other process").body().toString()).contains("other-demo");
    assertThat(replies.get("older target").body().toString()).contains("newer version");
    assertThat(replies.get("different types").body().toString()).contains("same type");
    assertThat(engine.instances.get(waiting).definitionKey()).isEqualTo(v[0]);
    assertThat(count("select count(*) from process_migration")).isEqualTo(audits);
  }

  @Test
  void onlyProcessOwnersAndAdminsMigrateAndOthersChangeNothing() throws Exception {
    // given
    long[] v = twoVersions("role-demo");
    long waiting = engine.start(v[0], "Task_A");
    long audits = count("select count(*) from process_migration");
    String plan = "/api/models/" + v[0] + "/migration-plan";
    String run = "/api/models/" + v[0] + "/migrations";

    // when / then
    for (String[] user :
        new String[][] {{"clerk.water", "demo-clerk"}, {"supervisor.water", "demo-supervisor"}}) {
      String token = api.login(user[0], user[1]);
      assertThat(api.staffPost(token, plan, body("targetKey", v[1])).status()).isEqualTo(403);
      assertThat(api.staffPost(token, run, body("targetKey", v[1])).status()).isEqualTo(403);
      assertThat(api.staffGet(token, "/api/models/migrations").status()).isEqualTo(403);
      assertThat(api.staffGet(token, "/api/web/models/" + v[0] + "/element-counts").status())
          .isEqualTo(403);
      assertThat(api.staffGet(token, "/api/models/" + v[1] + "/elements").status()).isEqualTo(403);
    }
    assertThat(api.staffPost(null, run, body("targetKey", v[1])).status()).isEqualTo(401);
    assertThat(engine.instances.get(waiting).definitionKey()).isEqualTo(v[0]);
    assertThat(count("select count(*) from process_migration")).isEqualTo(audits);

    // and an admin may
    String admin = api.login("admin", "demo-admin");
    assertThat(api.staffPost(admin, run, body("targetKey", v[1])).status()).isEqualTo(200);
    assertThat(engine.instances.get(waiting).definitionKey()).isEqualTo(v[1]);
  }
}
