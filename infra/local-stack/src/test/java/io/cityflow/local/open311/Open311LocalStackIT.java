package io.cityflow.local.open311;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.localstack.HotlineJourneyStack;
import io.cityflow.localstack.TestStacks;
import io.cityflow.testsupport.Forms;
import io.cityflow.testsupport.PostgresDatabase;
import io.micronaut.core.type.Argument;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Open311 end to end in the local stack (real PostgreSQL, the local engine, the outbox dispatcher
 * and the job workers in one JVM): a partner submits a report over GeoReport v2, the hotline
 * process routes the case, the partner sees it open at the department the routing table chose, and
 * once the department has dealt with it the partner sees it closed.
 */
class Open311LocalStackIT extends HotlineJourneyStack {
  private static final String V2 = "/api/public/open311/v2";

  Open311LocalStackIT(PostgresDatabase database) {
    super(database, "target/open311-it-attachments");
  }

  @Test
  void aReportSubmittedOverOpen311IsRoutedByTheProcessAndShowsClosedOnceDealtWith()
      throws Exception {
    // given a partner system with a key issued by an administrator
    String admin = login("admin", "demo-admin");
    String apiKey =
        (String)
            postJson("/api/admin/open311/keys", Map.of("clientName", "FixMyStreet"), admin)
                .get("apiKey");

    // when the partner posts a report about a leaking hydrant, the FixMyStreet way (XML)
    Map<String, String> report = new LinkedHashMap<>();
    report.put("api_key", apiKey);
    report.put("jurisdiction_id", "yinchuan.gov.cn");
    report.put("service_code", "hotline_water");
    report.put("lat", "38.4872");
    report.put("long", "106.2309");
    report.put("address_string", "Beijing Road 100, Jinfeng");
    report.put("first_name", "Na");
    report.put("last_name", "Li");
    report.put("phone", "13912345678");
    report.put("email", "reporter@example.com");
    report.put("description", "The hydrant outside number 100 has been leaking since Monday");
    report.put("attribute[district]", "JINFENG_DISTRICT");
    HttpResponse<String> posted = postForm(V2 + "/requests.xml", report);
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    String id = between(posted.body(), "<service_request_id>", "</service_request_id>");

    // then the hotline process routes it, and the partner sees it open at that department
    Map<String, Object> routed =
        await(
            "the request to show the routed department",
            () -> {
              Map<String, Object> r = request(id);
              return "Municipal Water Supply Company".equals(r.get("agency_responsible"))
                      && r.get("status_notes") != null
                  ? r
                  : null;
            });
    assertThat(routed).containsEntry("status", "open").containsKey("expected_datetime");
    assertThat(routed.toString()).doesNotContain("13912345678", "Na Li", "reporter@example.com");

    // when the water supply clerk handles the ticket and replies
    String clerk = login("clerk.water", "demo-clerk");
    Map<String, Object> task = await("the routed task", () -> taskOf(clerk, id));
    long taskKey = ((Number) task.get("taskKey")).longValue();
    postJson("/api/staff/tasks/" + taskKey + "/claim", Map.of(), clerk);
    postJson(
        "/api/staff/tasks/" + taskKey + "/complete",
        Map.of(
            "variables",
            Map.of(
                "handlingOutcome",
                "RESOLVED",
                "replyText",
                "The hydrant's seal was replaced this morning.")),
        clerk);

    // then the partner sees the request closed, in JSON and in XML
    Map<String, Object> closed =
        await(
            "the request to show closed",
            () -> {
              Map<String, Object> r = request(id);
              return "closed".equals(r.get("status")) ? r : null;
            });
    assertThat(closed)
        .containsEntry("agency_responsible", "Municipal Water Supply Company")
        .doesNotContainKey("expected_datetime");
    HttpResponse<String> xml = get(V2 + "/requests/" + id + ".xml");
    assertThat(xml.body()).contains("<status>closed</status>");
  }

  // --- steps over HTTP

  private Map<String, Object> request(String id) throws Exception {
    HttpResponse<String> response = get(V2 + "/requests/" + id + ".json");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readValue(
            response.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)))
        .get(0);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> taskOf(String token, String reference) throws Exception {
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(url("/api/staff/tasks?q=" + reference))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    List<Map<String, Object>> items =
        (List<Map<String, Object>>)
            json.readValue(page.body(), Argument.mapOf(String.class, Object.class))
                .getOrDefault("items", List.of());
    return items.stream()
        .filter(t -> reference.equals(t.get("caseReference")))
        .findFirst()
        .orElse(null);
  }

  private String login(String username, String password) throws Exception {
    return (String)
        postJson("/api/auth/login", Map.of("username", username, "password", password), null)
            .get("access_token");
  }

  private Map<String, Object> postJson(String path, Object body, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
    return response.body().isEmpty()
        ? Map.of()
        : json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
  }

  private HttpResponse<String> postForm(String path, Map<String, String> params) throws Exception {
    String body = Forms.urlEncoded(params);
    return http.send(
        HttpRequest.newBuilder(url(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("%s in %s", start, text).isNotNegative();
    return text.substring(from + start.length(), text.indexOf(end, from));
  }

  private static <T> T await(String what, TestStacks.Probe<T> probe) throws Exception {
    return TestStacks.await(what, PATIENCE, probe);
  }
}
