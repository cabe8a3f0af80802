package io.cityflow.local.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.cityflow.localstack.HotlineJourneyStack;
import io.cityflow.localstack.TestStacks;
import io.cityflow.testsupport.PostgresDatabase;
import io.micronaut.core.type.Argument;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's "done when", over HTTP in the local stack (real PostgreSQL, the local engine, the
 * outbox dispatcher and the job workers in one JVM): a citizen submits a hotline ticket, the case
 * and its process exist, a clerk of the department the routing table chose sees the task, claims
 * and completes it, and the citizen sees the new status. Every denied path of the authorization
 * matrix is tried on the same running case and is denied, changing nothing.
 */
class CaseJourneyLocalStackIT extends HotlineJourneyStack {

  /** The local stack's development signing secret (application.yml); never used when deployed. */
  private static final String LOCAL_JWT_SECRET = "local-only-jwt-secret-change-me-0123456789abcdef";

  CaseJourneyLocalStackIT(PostgresDatabase database) {
    super(database, "target/cases-it-attachments");
  }

  @Test
  void aCitizenSubmitsAClerkOfTheRoutedDepartmentCompletesTheTaskAndTheCitizenSeesTheOutcome()
      throws Exception {
    // when a citizen submits a hotline ticket about tap water
    Reply submitted = citizenSubmits("No water on Beijing Road");
    String ref = (String) submitted.body().get("reference");
    String code = (String) submitted.body().get("trackingCode");

    // then the case exists, its process starts and routes it to the water supply department
    assertThat(submitted.status()).isEqualTo(201);
    String clerk = login("clerk.water", "demo-clerk");
    Map<String, Object> task =
        await("the routed task in the water supply queue", () -> taskOf(clerk, ref));
    assertThat(task).containsEntry("name", "Handle ticket");
    Map<String, Object> staffView = get("/api/staff/cases/" + ref, bearer(clerk)).body();
    assertThat(staffView.get("departments")).isEqualTo(List.of("WATER_SUPPLY"));
    assertThat(staffView.get("status")).isEqualTo("ROUTED");

    // when the clerk claims the task and completes it with a reply
    long taskKey = ((Number) task.get("taskKey")).longValue();
    Reply claimed = post("/api/staff/tasks/" + taskKey + "/claim", Map.of(), bearer(clerk));
    Reply completed =
        post(
            "/api/staff/tasks/" + taskKey + "/complete",
            Map.of(
                "variables",
                Map.of(
                    "handlingOutcome",
                    "RESOLVED",
                    "replyText",
                    "The valve on Beijing Road was replaced; water is back.")),
            bearer(clerk));

    // then the citizen sees the ticket resolved, and may rate it
    assertThat(claimed.status()).isEqualTo(200);
    assertThat(completed.status()).isEqualTo(200);
    Map<String, Object> tracked =
        await(
            "the citizen's view to show the resolution",
            () -> {
              Map<String, Object> view = track(ref, code).body();
              return "RESOLVED".equals(view.get("status")) ? view : null;
            });
    assertThat(tracked).containsEntry("canRate", true);
    assertThat((String) tracked.get("statusText")).isNotBlank();
  }

  @Test
  void everyDeniedPathOfTheMatrixIsDeniedOverHttpAndChangesNothing() throws Exception {
    // given a routed ticket with its task waiting in the water supply queue
    Reply submitted = citizenSubmits("Low pressure in Xixia");
    String ref = (String) submitted.body().get("reference");
    String code = (String) submitted.body().get("trackingCode");
    String waterClerk = login("clerk.water", "demo-clerk");
    Map<String, Object> task = await("the routed task", () -> taskOf(waterClerk, ref));
    long taskKey = ((Number) task.get("taskKey")).longValue();
    String trafficClerk = login("clerk.traffic", "demo-clerk");
    String owner = login("owner", "demo-owner");
    String otherCode = (String) citizenSubmits("Another street").body().get("trackingCode");
    int timelineBefore = timeline(waterClerk, ref);
    String caseUrl = "/api/staff/cases/" + ref;

    // then another department neither sees nor touches the case or its task
    assertThat(get("/api/staff/tasks?q=" + ref, bearer(trafficClerk)).items()).isEmpty();
    assertThat(get(caseUrl, bearer(trafficClerk)).status()).isEqualTo(404);
    assertThat(get(caseUrl + "/attachments", bearer(trafficClerk)).status()).isEqualTo(404);
    assertThat(post(caseUrl + "/comments", Map.of("text", "peek"), bearer(trafficClerk)).status())
        .isEqualTo(404);
    assertThat(
            post("/api/staff/tasks/" + taskKey + "/claim", Map.of(), bearer(trafficClerk)).status())
        .isEqualTo(404);
    assertThat(
            post(
                    "/api/staff/tasks/" + taskKey + "/complete",
                    Map.of("variables", Map.of("handlingOutcome", "RESOLVED")),
                    bearer(trafficClerk))
                .status())
        .isEqualTo(404);
    assertThat(get("/api/staff/tasks?department=WATER_SUPPLY", bearer(trafficClerk)).status())
        .isEqualTo(403);
    // a citizen with someone else's tracking code, or none
    assertThat(track(ref, otherCode).status()).isEqualTo(404);
    assertThat(get("/api/cases/" + ref, Map.of()).status()).isEqualTo(400);
    assertThat(get(caseUrl, Map.of("X-Tracking-Code", code)).status()).isEqualTo(401);
    // a clerk deploying or listing models; a process owner working on cases
    assertThat(
            post(
                    "/api/models",
                    Map.of("fileName", "x.bpmn", "contentBase64", "PGJwbW4vPg=="),
                    bearer(waterClerk))
                .status())
        .isEqualTo(403);
    assertThat(get("/api/models", bearer(waterClerk)).status()).isEqualTo(403);
    assertThat(get(caseUrl, bearer(owner)).status()).isEqualTo(403);
    // no token, an expired token, a forged one
    assertThat(get(caseUrl, Map.of()).status()).isEqualTo(401);
    assertThat(post("/api/staff/tasks/" + taskKey + "/claim", Map.of(), Map.of()).status())
        .isEqualTo(401);
    String expired = token("clerk.water", Instant.now().minusSeconds(60), LOCAL_JWT_SECRET);
    assertThat(get(caseUrl, bearer(expired)).status()).isEqualTo(401);
    String forged =
        token("clerk.water", Instant.now().plusSeconds(600), "not-the-secret-0123456789abcdefghij");
    assertThat(get(caseUrl, bearer(forged)).status()).isEqualTo(401);

    // and nothing changed: the task is still unclaimed and the timeline as it was
    assertThat(taskOf(waterClerk, ref)).containsEntry("taskKey", task.get("taskKey"));
    assertThat(taskOf(waterClerk, ref).get("assignee")).isNull();
    assertThat(timeline(waterClerk, ref)).isEqualTo(timelineBefore);
  }

  // --- the journey's steps over HTTP

  private Reply citizenSubmits(String subject) throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("type", "HOTLINE_TICKET");
    body.put("channel", "WEB");
    body.put("contact", Map.of("name", "李娜", "phone", "13912345678"));
    body.put("subject", subject);
    body.put("description", "No water from the tap since this morning");
    body.put("category", "water");
    body.put("location", Map.of("address", "Beijing Road 100, Jinfeng"));
    body.put("formData", Map.of("district", "JINFENG_DISTRICT"));
    return post("/api/cases", body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
  }

  private Map<String, Object> taskOf(String token, String reference) throws Exception {
    return get("/api/staff/tasks?q=" + reference, bearer(token)).items().stream()
        .filter(t -> reference.equals(t.get("caseReference")))
        .findFirst()
        .orElse(null);
  }

  private int timeline(String token, String reference) throws Exception {
    return ((List<?>) get("/api/staff/cases/" + reference, bearer(token)).body().get("timeline"))
        .size();
  }

  private Reply track(String reference, String code) throws Exception {
    return get("/api/cases/" + reference, Map.of("X-Tracking-Code", code));
  }

  private String login(String username, String password) throws Exception {
    Reply reply =
        post("/api/auth/login", Map.of("username", username, "password", password), Map.of());
    assertThat(reply.status()).as("sign-in of " + username).isEqualTo(200);
    return (String) reply.body().get("access_token");
  }

  private static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  /** An HS256 token with the claims the local sign-in issues. */
  private static String token(String username, Instant expires, String secret) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        b64.encodeToString(
            ("{\"sub\":\""
                    + username
                    + "\",\"roles\":[\"CLERK\"],\"departments\":[\"WATER_SUPPLY\"],\"iat\":"
                    + (expires.getEpochSecond() - 3600)
                    + ",\"exp\":"
                    + expires.getEpochSecond()
                    + "}")
                .getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature =
        b64.encodeToString(
            mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
    return header + "." + claims + "." + signature;
  }

  // --- HTTP plumbing

  /** A status and a JSON body (an object, or a task page's items). */
  private record Reply(int status, Map<String, Object> body) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items() {
      return (List<Map<String, Object>>) body.getOrDefault("items", List.of());
    }
  }

  private Reply get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).GET();
    headers.forEach(request::header);
    return send(request.build());
  }

  private Reply post(String path, Object body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    headers.forEach(request::header);
    return send(request.build());
  }

  private Reply send(HttpRequest request) throws Exception {
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    Map<String, Object> body =
        response.body().length == 0 || response.body()[0] != '{'
            ? Map.of()
            : json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    return new Reply(response.statusCode(), body);
  }

  private <T> T await(String what, TestStacks.Probe<T> probe) throws Exception {
    try {
      return TestStacks.await(what, PATIENCE, probe);
    } catch (AssertionError timedOut) {
      throw new AssertionError(timedOut.getMessage() + "; " + whereThingsStand());
    }
  }

  /** What the outbox and the engine say, so that a timeout names the step that stopped. */
  private String whereThingsStand() {
    StringBuilder state = new StringBuilder();
    try (Connection c = database.connect();
        ResultSet rows =
            c.createStatement()
                .executeQuery(
                    "select message_name, attempts, sent_at, last_error from outbox_command"
                        + " order by created_at")) {
      state.append("outbox:");
      while (rows.next()) {
        state
            .append(" [")
            .append(rows.getString(1))
            .append(" attempts=")
            .append(rows.getInt(2))
            .append(rows.getTimestamp(3) == null ? " unsent" : " sent")
            .append(rows.getString(4) == null ? "" : " error=" + rows.getString(4))
            .append(']');
      }
      state.append("; cases:");
      try (ResultSet cases =
          c.createStatement()
              .executeQuery(
                  "select reference, status, departments, process_instance_key from city_case")) {
        while (cases.next()) {
          state
              .append(" [")
              .append(cases.getString(1))
              .append(' ')
              .append(cases.getString(2))
              .append(' ')
              .append(cases.getString(3))
              .append(" instance=")
              .append(cases.getObject(4))
              .append(']');
        }
      }
      Reply queue = get("/api/staff/tasks", bearer(login("clerk.water", "demo-clerk")));
      state.append("; water queue: ").append(queue.status()).append(' ').append(queue.body());
    } catch (Exception e) {
      state.append("outbox unreadable: ").append(e);
    }
    try {
      CamundaClient camunda = stack.bean(CamundaClient.class);
      state.append("; instances:");
      camunda.newProcessInstanceSearchRequest().send().join().items().stream()
          .filter(i -> i.getProcessDefinitionId().startsWith("hotline"))
          .forEach(
              i ->
                  state
                      .append(' ')
                      .append(i.getProcessDefinitionId())
                      .append('/')
                      .append(i.getState())
                      .append(Boolean.TRUE.equals(i.getHasIncident()) ? "/incident" : ""));
      state.append("; incidents:");
      camunda.newIncidentSearchRequest().send().join().items().stream()
          .forEach(
              i ->
                  state
                      .append(" [")
                      .append(i.getElementId())
                      .append(' ')
                      .append(i.getErrorType())
                      .append(": ")
                      .append(i.getErrorMessage())
                      .append(']'));
      state.append("; user tasks:");
      camunda.newUserTaskSearchRequest().send().join().items().stream()
          .forEach(
              t ->
                  state
                      .append(" [")
                      .append(t.getElementId())
                      .append(' ')
                      .append(t.getState())
                      .append(" groups=")
                      .append(t.getCandidateGroups())
                      .append(']'));
    } catch (Exception e) {
      state.append("; engine unreadable: ").append(e);
    }
    return state.toString();
  }
}
