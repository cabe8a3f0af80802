package io.cityflow.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CityCase;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Journey: a process owner deploys version 2 of the community service request with a harmless
 * change and a renamed task, previews which running cases can move, moves them, and the moved case
 * goes on in version 2 to its end; cases waiting in the renamed task are reported as refused and
 * left as they were. Then the owner maps the renamed task in the console, and those cases move too
 * and continue in the renamed task. Last, version 3 reuses the visit task's id for a step that
 * changed its meaning, and the owner overrides the automatic same-id mapping so that the case
 * waiting there goes back to assignment instead, its SLA timer left behind; the plan warns, in
 * English and in Chinese, that the moved task keeps the visit's form and that the timer closes (ADR
 * 0020).
 */
class ProcessMigrationJourneyIT extends InBrowser {
  private static final String PROCESS = "community-service-request";
  private static final String QUEUE = "department=XQ_LIQUN_STATION";
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theOwnerMovesRunningCasesMapsTheRenamedTaskAndOverridesAReusedId() throws Exception {
    // given three running community requests: A waits for a worker to be assigned, B and C for
    // the visit
    String admin = signIn("admin", "demo-admin");
    String a = submit("The kitchen tap drips all night");
    String b = submit("The balcony door does not close");
    String c = submit("The hallway light flickers");
    Map<String, Object> assignA = awaitTask(admin, a, "Assign service worker");
    complete(admin, awaitTask(admin, b, "Assign service worker"), assignment());
    complete(admin, awaitTask(admin, c, "Assign service worker"), assignment());
    awaitTask(admin, b, "Record service visit");
    awaitTask(admin, c, "Record service visit");
    long instanceA = instanceOf(a);
    long instanceB = instanceOf(b);
    long instanceC = instanceOf(c);
    long v1 = definitionOf(instanceA);
    assertThat(definitionOf(instanceB)).isEqualTo(v1);
    assertThat(definitionOf(instanceC)).isEqualTo(v1);

    // and version 2: a new label on the assignment task, and the visit task under a new id
    String shipped = Files.readString(Path.of("..", "..", "workflows", "bpmn", PROCESS + ".bpmn"));
    String v2Xml =
        shipped
            .replace("name=\"Assign service worker\"", "name=\"Assign a service worker\"")
            .replace("Task_RecordServiceVisit", "Task_RecordVisit");
    assertThat(v2Xml).isNotEqualTo(shipped).contains("Task_RecordVisit");

    Path v2File = Files.writeString(dataDir.resolve(PROCESS + ".bpmn"), v2Xml);

    // when the owner deploys it in the console, after the in-browser lint
    browser.signIn("/owner.html", "owner", "demo-owner");
    browser.find("#deploy-file").sendKeys(v2File.toAbsolutePath().toString());
    WebElement lint =
        browser.until(
            ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lint-result p")),
            PATIENCE);
    assertThat(lint.getAttribute("class"))
        .as("lint of version 2: %s", browser.find("#lint-result").getText())
        .contains("message-success");
    browser.click("#deploy-button");
    browser.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("tr[data-model='" + PROCESS + "'][data-version='2']")),
        PATIENCE);

    // and opens the plan for version 1 from the keyboard
    WebElement move = browser.find("button[data-migrate='" + v1 + "']");
    assertThat(move.getText()).contains("Move running cases to version 2");
    move.sendKeys(Keys.ENTER);
    browser.find("#migration-plan");

    // then the plan shows A's element moving and B's and C's staying, with counts
    WebElement assignRow =
        browser.find("#migration-plan tr[data-element='Task_AssignServiceWorker']");
    assertThat(assignRow.getAttribute("data-mapped")).isEqualTo("true");
    assertThat(assignRow.getText()).contains("1");
    WebElement visitRow =
        browser.find("#migration-plan tr[data-element='Task_RecordServiceVisit']");
    assertThat(visitRow.getAttribute("data-mapped")).isEqualTo("false");
    assertThat(visitRow.getText()).contains("version 2 has no userTask");
    assertThat(browser.find("#migration-status").getText())
        .contains("3 running cases: 1 can move, 2 will stay on version 1");
    // English plural forms: one case, not "1 cases"
    assertThat(browser.find("#migration-confirm").getText()).contains("Move 1 case to version 2");
    assertThat(browser.find("#migration").getText()).doesNotContain("null");
    browser.checkPage("owner-migration-plan");

    // when the owner confirms
    browser.find("#migration-confirm").sendKeys(Keys.ENTER);
    browser.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#migration-results")),
        PATIENCE);

    // then A moved and B (like C) was refused with the engine's reason
    WebElement resultA = browser.find("#migration-results tr[data-instance='" + instanceA + "']");
    WebElement resultB = browser.find("#migration-results tr[data-instance='" + instanceB + "']");
    assertThat(resultA.getAttribute("data-outcome")).isEqualTo("MIGRATED");
    assertThat(resultA.getText()).contains(a);
    assertThat(resultB.getAttribute("data-outcome")).isEqualTo("REFUSED");
    assertThat(resultB.getText()).contains("Task_RecordServiceVisit");
    assertThat(
            browser
                .find("#migration-results tr[data-instance='" + instanceC + "']")
                .getAttribute("data-outcome"))
        .isEqualTo("REFUSED");
    assertThat(browser.find("#migration-done").getText()).contains("1 moved to version 2");
    browser.checkPage("owner-migration-results");

    // and the engine agrees: A runs on version 2, B and C on version 1 as before
    long v2 = definitionOf(instanceA);
    assertThat(v2).isNotEqualTo(v1);
    assertThat(definitionOf(instanceB)).isEqualTo(v1);
    assertThat(openTask(instanceB).getElementId()).isEqualTo("Task_RecordServiceVisit");
    assertThat(definitionOf(instanceC)).isEqualTo(v1);

    // and A goes on in version 2: its next task completes, then its visit in the renamed task
    complete(admin, assignA, assignment());
    Map<String, Object> visitA = awaitTask(admin, a, "Record service visit");
    UserTask visitTask = openTask(instanceA);
    assertThat(visitTask.getElementId()).isEqualTo("Task_RecordVisit");
    assertThat(visitTask.getProcessDefinitionKey()).isEqualTo(v2);
    complete(
        admin,
        visitA,
        Map.of(
            "visitOutcome", "DONE",
            "workSummary", "Replaced the tap washer.",
            "minutesSpent", 30));
    awaitStatus(a, "RESOLVED");

    // and B is still waiting where it was
    assertThat(statusOf(b)).isNotEqualTo("RESOLVED");
    assertThat(openTask(instanceB).getElementId()).isEqualTo("Task_RecordServiceVisit");

    // when the owner opens the plan for version 1 again
    browser.find("#migration-refresh").sendKeys(Keys.ENTER);
    browser.find("button[data-migrate='" + v1 + "']").sendKeys(Keys.ENTER);

    // then the renamed task's row is unmapped and offers version 2's user tasks, by name
    String visitSelect = "#migration-plan select[data-map='Task_RecordServiceVisit']";
    assertThat(browser.find(visitRow()).getAttribute("data-mapped")).isEqualTo("false");
    assertThat(new Select(browser.find(visitSelect)).getOptions())
        .extracting(WebElement::getText)
        .containsExactly(
            "— Not mapped —",
            "Assign a service worker (Task_AssignServiceWorker)",
            "Record service visit (Task_RecordVisit)");
    assertThat(
            browser
                .all("label[for='map-Task_RecordServiceVisit']")
                .get(0)
                .getAttribute("textContent"))
        .contains("Record service visit");
    assertThat(browser.find("#migration-confirm").isEnabled()).isFalse();

    // when a mapping the API refuses is chosen (the page only offers elements of the same type,
    // so an element of another type is put in as a model changed under the page would)
    browser.until(
        d ->
            ((JavascriptExecutor) d)
                .executeScript(
                    "const s = document.querySelector(arguments[0]);"
                        + " s.append(new Option('EndEvent_RequestClosed', 'EndEvent_RequestClosed'));"
                        + " return true;",
                    visitSelect));
    new Select(browser.find(visitSelect)).selectByValue("EndEvent_RequestClosed");

    // then the API's reason is shown next to the row, and nothing can be moved with it
    WebElement refusal = browser.find("#migration-plan [data-problem='Task_RecordServiceVisit']");
    assertThat(refusal.getText()).contains("only elements of the same type map");
    assertThat(browser.find(visitSelect).getAttribute("aria-describedby"))
        .isEqualTo(refusal.getAttribute("id"));
    assertThat(browser.find("#migration-confirm").isEnabled()).isFalse();

    // when the owner clears it from the keyboard
    browser.find(visitSelect).sendKeys(Keys.HOME);

    // then the plan is as before, the refusal gone and the focus still on the choice
    browser.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("migration-status"), "2 running cases: 0 can move, 2 will stay on version 1"));
    assertThat(browser.all("[data-problem]")).isEmpty();
    String focused = browser.until(d -> d.switchTo().activeElement().getAttribute("id"));
    assertThat(focused).isEqualTo("map-Task_RecordServiceVisit");

    // when the owner maps it to the renamed task, by typing its name's first letter
    browser.find(visitSelect).sendKeys("R");

    // then the plan is asked again with the mapping: both cases can move now
    browser.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("migration-status"), "2 running cases: 2 can move, 0 will stay on version 1"));
    assertThat(browser.find(visitRow()).getAttribute("data-mapped")).isEqualTo("true");
    assertThat(new Select(browser.find(visitSelect)).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("Task_RecordVisit");
    assertThat(browser.find("#migration-confirm").getText()).contains("Move 2 cases to version 2");
    browser.checkPage("owner-migration-mapped");

    // when the owner confirms
    browser.find("#migration-confirm").sendKeys(Keys.ENTER);
    browser.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#migration-results")),
        PATIENCE);

    // then both moved, with the owner's mapping, which the history lists too
    for (long instance : new long[] {instanceB, instanceC}) {
      assertThat(
              browser
                  .find("#migration-results tr[data-instance='" + instance + "']")
                  .getAttribute("data-outcome"))
          .isEqualTo("MIGRATED");
    }
    assertThat(browser.find("#migration-mappings").getText())
        .contains("Task_RecordServiceVisit → Task_RecordVisit");
    browser.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#migration-history-table li[data-source='Task_RecordServiceVisit']")));
    assertThat(browser.find("#migration-history-table tbody tr").getText())
        .contains("Task_RecordServiceVisit → Task_RecordVisit")
        .contains("2 moved");

    // and the engine has both in the renamed task of version 2
    for (long instance : new long[] {instanceB, instanceC}) {
      assertThat(definitionOf(instance)).isEqualTo(v2);
      UserTask task = openTask(instance);
      assertThat(task.getElementId()).isEqualTo("Task_RecordVisit");
      assertThat(task.getProcessDefinitionKey()).isEqualTo(v2);
    }

    // and the audit names the mapping the batch used
    String owner = signIn("owner", "demo-owner");
    List<Map<String, Object>> history = list("/api/models/migrations?limit=1", owner);
    assertThat(history.get(0).get("mappings"))
        .asList()
        .contains(
            Map.of(
                "sourceElementId",
                "Task_RecordServiceVisit",
                "targetElementId",
                "Task_RecordVisit"));

    // and B goes on from the renamed task to its end
    complete(
        admin,
        awaitTask(admin, b, "Record service visit"),
        Map.of(
            "visitOutcome", "DONE",
            "workSummary", "Adjusted the door hinges.",
            "minutesSpent", 20));
    awaitStatus(b, "RESOLVED");

    // given D, started on version 2 and waiting for a worker, while C waits for its visit there
    String d = submit("The stairwell window does not shut");
    awaitTask(admin, d, "Assign a service worker");
    long instanceD = instanceOf(d);
    assertThat(definitionOf(instanceD)).isEqualTo(v2);

    // and version 3, which reuses the visit task's id for writing up the report after the visit:
    // a case still waiting for its visit should go back to assignment to have it planned again
    String v3Xml =
        v2Xml.replace("name=\"Record service visit\"", "name=\"Write the visit report\"");
    assertThat(v3Xml).isNotEqualTo(v2Xml);
    post(
        "/api/models",
        Map.of(
            "fileName",
            PROCESS + ".bpmn",
            "contentBase64",
            Base64.getEncoder().encodeToString(v3Xml.getBytes(StandardCharsets.UTF_8))),
        owner,
        201);

    // when the owner opens the plan for version 2
    browser.find("#migration-refresh").sendKeys(Keys.ENTER);
    browser.find("button[data-migrate='" + v2 + "']").sendKeys(Keys.ENTER);

    // then C and D can move; A and B, resolved, wait for the resident at an event-based gateway,
    // which does not migrate
    browser.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("migration-status"), "4 running cases: 2 can move, 2 will stay on version 2"));

    // and both same-id tasks map automatically, each offering the other user task too
    String reusedSelect = "#migration-plan select[data-map='Task_RecordVisit']";
    assertThat(browser.find(reusedSelect).getAttribute("data-automatic"))
        .isEqualTo("Task_RecordVisit");
    assertThat(new Select(browser.find(reusedSelect)).getOptions())
        .extracting(WebElement::getText)
        .containsExactly(
            "Same id, automatic: Write the visit report (Task_RecordVisit)",
            "Assign a service worker (Task_AssignServiceWorker)");
    assertThat(
            new Select(browser.find(reusedSelect)).getFirstSelectedOption().getAttribute("value"))
        .isEmpty();
    assertThat(
            browser
                .find("#migration-plan select[data-map='Task_AssignServiceWorker']")
                .getAttribute("data-automatic"))
        .isEqualTo("Task_AssignServiceWorker");
    assertThat(browser.find(reusedRow()).getAttribute("data-target")).isEqualTo("Task_RecordVisit");
    // the same task with the same form and timer: nothing to warn about
    assertThat(browser.all("#migration-plan [data-note]")).isEmpty();
    // and the longest choice is readable in full, not cut off by the narrow column
    assertThat(widestOptionOverflow(reusedSelect)).isLessThanOrEqualTo(0);

    // when the owner sends the cases waiting in the reused id back to assignment
    new Select(browser.find(reusedSelect)).selectByValue("Task_AssignServiceWorker");

    // then the plan, asked again, has them continue there
    browser.find(reusedRow() + "[data-target='Task_AssignServiceWorker']");
    assertThat(browser.find(reusedRow()).getAttribute("data-mapped")).isEqualTo("true");
    assertThat(
            new Select(browser.find(reusedSelect)).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("Task_AssignServiceWorker");
    assertThat(browser.find("#migration-status").getText())
        .contains("4 running cases: 2 can move, 2 will stay on version 2");
    assertThat(browser.find("#migration-confirm").getText()).contains("Move 2 cases to version 3");
    // and warns at the row that the moved task keeps the visit's form, and that its SLA timer,
    // which the assignment task does not carry, closes; the assignment task's own row keeps both
    WebElement keptForm = browser.find(reusedRow() + " li[data-note='kept-task']");
    assertThat(keptForm.getAttribute("data-form")).isEqualTo("record-service-visit");
    assertThat(keptForm.getText())
        .isEqualTo(
            "Cases keep form record-service-visit and the groups of version 2 until this step"
                + " completes.");
    WebElement timer = browser.find(reusedRow() + " li[data-event='Event_VisitSlaWarning']");
    assertThat(timer.getAttribute("data-change")).isEqualTo("CLOSES");
    assertThat(timer.getText())
        .startsWith("Timer SLA warning time reached (Event_VisitSlaWarning) closes");
    assertThat(
            browser.all("#migration-plan tr[data-element='Task_AssignServiceWorker'] [data-note]"))
        .isEmpty();
    assertThat(widestOptionOverflow(reusedSelect)).isLessThanOrEqualTo(0);
    browser.checkPage("owner-migration-override");

    // when the owner reads the same plan in Chinese
    browser.click("#lang-switch");
    browser.until(
        page -> "zh-CN".equals(page.findElement(By.tagName("html")).getAttribute("lang")));
    browser.find("button[data-migrate='" + v2 + "']").sendKeys(Keys.ENTER);
    new Select(browser.find(reusedSelect)).selectByValue("Task_AssignServiceWorker");
    browser.find(reusedRow() + "[data-target='Task_AssignServiceWorker']");

    // then the warnings read in Chinese, and the choices are still readable in full
    assertThat(browser.find(reusedRow() + " li[data-note='kept-task']").getText())
        .isEqualTo("案件保留表单 record-service-visit 及版本 2 的候选组，直到此步骤完成。");
    assertThat(browser.find(reusedRow() + " li[data-event='Event_VisitSlaWarning']").getText())
        .startsWith("计时器 SLA warning time reached (Event_VisitSlaWarning) 将关闭");
    assertThat(widestOptionOverflow(reusedSelect)).isLessThanOrEqualTo(0);
    browser.checkPage("owner-migration-override-zh");

    // when the owner confirms
    browser.find("#migration-confirm").sendKeys(Keys.ENTER);
    browser.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#migration-results")),
        PATIENCE);

    // then both moved (C's visit SLA timer, which the assignment task does not carry, closed
    // rather than stopping the move), with the override named
    for (long instance : new long[] {instanceC, instanceD}) {
      WebElement result = browser.find("#migration-results tr[data-instance='" + instance + "']");
      assertThat(result.getAttribute("data-outcome")).as(result.getText()).isEqualTo("MIGRATED");
    }
    assertThat(browser.find("#migration-mappings").getText())
        .contains("Task_RecordVisit → Task_AssignServiceWorker");

    // and the engine has C in the chosen task of version 3, and D in the task of the same id
    long v3 = definitionOf(instanceC);
    assertThat(v3).isNotEqualTo(v2);
    for (long instance : new long[] {instanceC, instanceD}) {
      UserTask task = openTask(instance);
      assertThat(task.getElementId()).isEqualTo("Task_AssignServiceWorker");
      assertThat(task.getProcessDefinitionKey()).isEqualTo(v3);
    }

    // and the audit has the override, and no mapping for the timer left behind
    assertThat(list("/api/models/migrations?limit=1", owner).get(0).get("mappings"))
        .asList()
        .contains(
            Map.of(
                "sourceElementId",
                "Task_RecordVisit",
                "targetElementId",
                "Task_AssignServiceWorker"),
            Map.of(
                "sourceElementId",
                "Task_AssignServiceWorker",
                "targetElementId",
                "Task_AssignServiceWorker"))
        .noneMatch(m -> ((Map<?, ?>) m).get("sourceElementId").equals("Event_VisitSlaWarning"));

    // and C goes on in version 3. The engine moved the task rather than creating it anew, so it
    // keeps the form it was created with (the visit's, ADR 0020); then the flow goes on
    // from the assignment task to the renamed visit task
    complete(
        admin,
        Map.<String, Object>of("taskKey", openTask(instanceC).getUserTaskKey()),
        Map.of(
            "visitOutcome", "NOT_HOME",
            "workSummary", "Nobody was home; the visit is planned again.",
            "minutesSpent", 5));
    UserTask report =
        await(
            "the visit task of " + c + " in version 3",
            () -> {
              List<UserTask> open =
                  stack
                      .bean(CamundaClient.class)
                      .newUserTaskSearchRequest()
                      .filter(f -> f.processInstanceKey(instanceC).state(UserTaskState.CREATED))
                      .send()
                      .join()
                      .items();
              return open.size() == 1 && "Task_RecordVisit".equals(open.get(0).getElementId())
                  ? open.get(0)
                  : null;
            });
    assertThat(report.getProcessDefinitionKey()).isEqualTo(v3);
  }

  /**
   * How many pixels the longest option of a select is wider than the select shows (the text
   * measured in the select's font): above 0, the closed select cuts the option off.
   */
  private long widestOptionOverflow(String selector) {
    Number overflow =
        (Number)
            ((JavascriptExecutor) browser.driver())
                .executeScript(
                    "const s = document.querySelector(arguments[0]);"
                        + " const style = getComputedStyle(s);"
                        + " const ctx = document.createElement('canvas').getContext('2d');"
                        + " ctx.font = style.font;"
                        + " const widest = Math.max(...[...s.options].map("
                        + "o => ctx.measureText(o.text).width));"
                        + " const room = s.clientWidth - parseFloat(style.paddingLeft)"
                        + " - parseFloat(style.paddingRight);"
                        + " return Math.ceil(widest - room);",
                    selector);
    return overflow.longValue();
  }

  private static String reusedRow() {
    return "#migration-plan tr[data-element='Task_RecordVisit']";
  }

  private static String visitRow() {
    return "#migration-plan tr[data-element='Task_RecordServiceVisit']";
  }

  private static Map<String, Object> assignment() {
    return Map.of(
        "assignedWorker", "admin",
        "visitPlannedFor", "2026-12-01T09:00:00+08:00",
        "assignmentNote", "Bring washers");
  }

  // --- the stack, as the other journeys see it

  private long instanceOf(String reference) throws Exception {
    return await(
        "the process instance of " + reference, () -> caseOf(reference).processInstanceKey());
  }

  private CityCase caseOf(String reference) {
    return stack
        .bean(CaseStore.class)
        .findByReference(CaseReference.parse(reference))
        .orElseThrow();
  }

  private String statusOf(String reference) {
    return caseOf(reference).status().name();
  }

  private void awaitStatus(String reference, String status) throws Exception {
    await(
        () -> reference + " to be " + status + "; " + WebStack.engineState(stack, reference),
        () -> status.equals(statusOf(reference)) ? true : null);
  }

  private long definitionOf(long processInstanceKey) {
    return stack
        .bean(CamundaClient.class)
        .newProcessInstanceGetRequest(processInstanceKey)
        .send()
        .join()
        .getProcessDefinitionKey();
  }

  private UserTask openTask(long processInstanceKey) {
    List<UserTask> open =
        stack
            .bean(CamundaClient.class)
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(processInstanceKey).state(UserTaskState.CREATED))
            .send()
            .join()
            .items();
    assertThat(open).as("open tasks of %s", processInstanceKey).hasSize(1);
    return open.get(0);
  }

  // --- HTTP, as citizens and staff call the API

  private String signIn(String username, String password) throws Exception {
    Map<String, Object> reply =
        post("/api/auth/login", Map.of("username", username, "password", password), null, 200);
    return (String) reply.get("access_token");
  }

  private String submit(String subject) throws Exception {
    Map<String, Object> body =
        Map.of(
            "type",
            "COMMUNITY_SERVICE_REQUEST",
            "channel",
            "APP",
            "contact",
            Map.of("name", "张伟", "phone", "13712345678"),
            "subject",
            subject,
            "description",
            "Please send someone from the station to fix it.",
            "category",
            "home-repair",
            "location",
            Map.of("address", "Liqun West Street 12, Building 3"),
            "formData",
            Map.of("community", "XQ_LIQUN", "preferredTime", "MORNING"));
    return (String) post("/api/cases", body, null, 201).get("reference");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> awaitTask(String token, String reference, String name)
      throws Exception {
    return await(
        () -> "\"" + name + "\" of " + reference + "; " + WebStack.engineState(stack, reference),
        () ->
            ((List<Map<String, Object>>) get("/api/staff/tasks?" + QUEUE, token).get("items"))
                .stream()
                    .filter(t -> reference.equals(t.get("caseReference")))
                    .filter(t -> name.equals(t.get("name")))
                    .findFirst()
                    .orElse(null));
  }

  private void complete(String token, Map<String, Object> task, Map<String, Object> variables)
      throws Exception {
    long key = ((Number) task.get("taskKey")).longValue();
    post("/api/staff/tasks/" + key + "/claim", Map.of(), token, 200);
    post("/api/staff/tasks/" + key + "/complete", Map.of("variables", variables), token, 200);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> list(String path, String token) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(url(path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    return (List<Map<String, Object>>)
        (List<?>)
            stack
                .bean(JsonMapper.class)
                .readValue(
                    response.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
  }

  private Map<String, Object> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).GET();
    request.header("Authorization", "Bearer " + token);
    return send(request, 200);
  }

  private Map<String, Object> post(String path, Object body, String token, int expected)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url(path))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    stack.bean(JsonMapper.class).writeValueAsBytes(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request, expected);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> send(HttpRequest.Builder request, int expected) throws Exception {
    HttpResponse<String> response =
        http.send(
            request.timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode())
        .as("%s: %s", response.request().uri(), response.body())
        .isEqualTo(expected);
    JsonMapper json = stack.bean(JsonMapper.class);
    // A list (what a deployment answers) is not read further here.
    return response.body().startsWith("[")
        ? Map.of("list", response.body())
        : json.readValue(response.body(), Map.class);
  }

  private URI url(String path) {
    return URI.create(stack.apiUrl().toString().replaceAll("/$", "") + path);
  }

  private interface Probe<T> {
    T get() throws Exception;
  }

  private static <T> T await(String what, Probe<T> probe) throws Exception {
    return await(() -> what, probe);
  }

  /** Polls until the probe gives a value; the description is built only when it gives up. */
  private static <T> T await(java.util.function.Supplier<String> what, Probe<T> probe)
      throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what.get());
      }
      Thread.sleep(300);
    }
  }
}
