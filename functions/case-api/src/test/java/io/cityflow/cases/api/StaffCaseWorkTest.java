package io.cityflow.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class StaffCaseWorkTest {
  @Inject
  @Client("/")
  HttpClient client;

  Api api;
  String clerk;

  @BeforeEach
  void setUp() {
    api = new Api(client.toBlocking());
    clerk = api.login("clerk.water", "demo-clerk");
  }

  private Api.Reply citizenPost(String ref, String code, String path, Map<String, Object> body) {
    return api.send(
        HttpRequest.POST("/api/cases/" + ref + path, body).header("X-Tracking-Code", code));
  }

  @Test
  void transferringHandsTheCaseToTheOtherDepartmentWithTheReasonOnTheTimeline() {
    // given
    String ref = (String) api.submit(Api.hotlineTicket("water")).body().get("reference");
    String traffic = api.login("clerk.traffic", "demo-clerk");

    // when
    Api.Reply reply =
        api.staffPost(
            clerk,
            "/api/staff/cases/" + ref + "/transfer",
            Map.of("toDepartment", "TRAFFIC_POLICE", "reason", "a car broke the hydrant"));

    // then
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).containsEntry("status", "TRANSFERRED");
    assertThat(reply.list("timeline").get(reply.list("timeline").size() - 1).get("text"))
        .asString()
        .contains("a car broke the hydrant");
    assertThat(api.staffGet(clerk, "/api/staff/cases/" + ref).status()).isEqualTo(404);
    assertThat(api.staffGet(traffic, "/api/staff/cases/" + ref).status()).isEqualTo(200);
  }

  @Test
  void transferringToAnUnknownDepartmentNamesTheFieldAndChangesNothing() {
    String ref = (String) api.submit(Api.hotlineTicket("water")).body().get("reference");

    Api.Reply reply =
        api.staffPost(
            clerk,
            "/api/staff/cases/" + ref + "/transfer",
            Map.of("toDepartment", "NOWHERE", "reason", "x"));

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.body()).containsEntry("field", "toDepartment");
    assertThat(api.staffGet(clerk, "/api/staff/cases/" + ref).body())
        .containsEntry("status", "SUBMITTED");
  }

  @Test
  void anIllegalStatusMoveIsAConflict() {
    String ref = (String) api.submit(Api.hotlineTicket("water")).body().get("reference");

    Api.Reply reply =
        api.staffPost(
            clerk, "/api/staff/cases/" + ref + "/status", Map.of("status", "IN_PROGRESS"));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.body()).containsEntry("field", "status");
  }

  @Test
  void theCitizenAnswersWithAFileAndAnUnhappyRatingReopensTheTicket() {
    // given a ticket the clerk routed and asked about
    Map<String, Object> submitted = api.submit(Api.hotlineTicket("water")).body();
    String ref = (String) submitted.get("reference");
    String code = (String) submitted.get("trackingCode");
    api.staffPost(clerk, "/api/staff/cases/" + ref + "/status", Map.of("status", "ROUTED"));
    api.staffPost(
        clerk,
        "/api/staff/cases/" + ref + "/information-requests",
        Map.of("question", "Please send a photo"));
    assertThat(api.track(ref, code).body()).containsEntry("informationRequested", true);

    // when the citizen answers with a PNG, the clerk resolves, and the citizen is unhappy
    String png =
        Base64.getEncoder()
            .encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 1, 2});
    Api.Reply answered =
        citizenPost(
            ref,
            code,
            "/information",
            Map.of(
                "text",
                "Here it is",
                "attachments",
                List.of(Map.of("fileName", "pipe.png", "contentBase64", png))));
    api.staffPost(
        clerk,
        "/api/staff/cases/" + ref + "/resolution",
        Map.of("outcome", "Pipe repaired", "reason", "Crew replaced the valve"));
    Api.Reply resolved = api.track(ref, code);
    Api.Reply rated =
        citizenPost(ref, code, "/rating", Map.of("score", 1, "comment", "still leaking"));

    // then
    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.body()).containsEntry("status", "IN_PROGRESS");
    assertThat(answered.list("timeline"))
        .extracting(e -> e.get("event"))
        .contains("ATTACHMENT_ADDED");
    assertThat(resolved.body())
        .containsEntry("canRate", true)
        .containsEntry("outcome", "Pipe repaired");
    assertThat(rated.status()).isEqualTo(200);
    assertThat(rated.body()).containsEntry("status", "REOPENED").containsEntry("rating", 1);
  }

  @Test
  void anExecutableDisguisedAsAPhotoIsRefusedAndTheCaseStillWaits() {
    Map<String, Object> submitted = api.submit(Api.hotlineTicket("water")).body();
    String ref = (String) submitted.get("reference");
    String code = (String) submitted.get("trackingCode");
    api.staffPost(clerk, "/api/staff/cases/" + ref + "/status", Map.of("status", "ROUTED"));
    api.staffPost(
        clerk,
        "/api/staff/cases/" + ref + "/information-requests",
        Map.of("question", "Please send a photo"));
    String elf = Base64.getEncoder().encodeToString(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});

    Api.Reply reply =
        citizenPost(
            ref,
            code,
            "/information",
            Map.of(
                "text",
                "photo",
                "attachments",
                List.of(Map.of("fileName", "photo.jpg", "contentBase64", elf))));

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.body()).containsEntry("field", "attachments[0]");
    assertThat(api.track(ref, code).body()).containsEntry("status", "WAITING_FOR_CITIZEN");
  }
}
