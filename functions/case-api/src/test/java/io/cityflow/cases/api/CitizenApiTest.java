package io.cityflow.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class CitizenApiTest {
  @Inject
  @Client("/")
  HttpClient client;

  @Inject DataSource dataSource;

  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(client.toBlocking());
  }

  private long cases() throws Exception {
    try (var c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
        var rs = c.createStatement().executeQuery("select count(*) from city_case")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void submitsACaseAndAnswersWithReferenceAndTrackingCode() {
    // when
    Api.Reply reply = api.submit(Api.hotlineTicket("water"));

    // then
    assertThat(reply.status()).isEqualTo(201);
    assertThat((String) reply.body().get("reference")).matches("YC-\\d{4}-\\d{6}");
    assertThat((String) reply.body().get("trackingCode")).hasSize(12);
    assertThat(reply.body()).containsEntry("status", "SUBMITTED");
    assertThat((String) reply.body().get("statusText")).contains("received");
    assertThat(reply.body().get("expectedDate")).isNotNull();
  }

  @Test
  void aRetryWithTheSameKeyAndBodyGetsTheSameAnswerAndNoSecondCase() throws Exception {
    // given
    String key = UUID.randomUUID().toString();
    Api.Reply first = api.submit(key, Api.hotlineTicket("water"));
    long before = cases();

    // when
    Api.Reply again = api.submit(key, Api.hotlineTicket("water"));

    // then
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(cases()).isEqualTo(before);
  }

  @Test
  void theSameKeyWithADifferentBodyIsAConflictNamingTheKey() throws Exception {
    // given
    String key = UUID.randomUUID().toString();
    api.submit(key, Api.hotlineTicket("water"));
    long before = cases();

    // when
    Api.Reply reply = api.submit(key, Api.hotlineTicket("noise"));

    // then
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.body()).containsEntry("field", "Idempotency-Key");
    assertThat(cases()).isEqualTo(before);
  }

  @Test
  void aMissingIdempotencyKeyIsABadRequestNamingTheHeader() {
    Api.Reply reply = api.send(HttpRequest.POST("/api/cases", Api.hotlineTicket("water")));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.body()).containsEntry("field", "Idempotency-Key");
  }

  @Test
  void anInvalidPhoneIsRejectedNamingTheFieldAndNothingIsStored() throws Exception {
    // given
    Map<String, Object> body = new HashMap<>(Api.hotlineTicket("water"));
    body.put("contact", Map.of("name", "李娜", "phone", "call me"));
    long before = cases();

    // when
    Api.Reply reply = api.submit(body);

    // then
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.body()).containsEntry("field", "contact.phone");
    assertThat(cases()).isEqualTo(before);
  }

  @Test
  void anUnknownCaseTypeAndAMissingSubjectAreBothNamed() {
    Map<String, Object> body = new HashMap<>(Api.hotlineTicket("water"));
    body.put("type", "PARKING_FINE");
    body.remove("subject");

    Api.Reply reply = api.submit(body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.list("errors")).extracting(e -> e.get("field")).contains("type", "subject");
  }

  @Test
  void dataThatBreaksTheStartFormIsRefusedNamingEveryFieldAndNothingIsStored() throws Exception {
    // given a ticket without a district, a landline number, a too-short subject, a stray field
    Map<String, Object> body = new HashMap<>(Api.hotlineTicket("water"));
    body.put("contact", Map.of("name", "李娜", "phone", "0951 6012345"));
    body.put("subject", "Tap");
    body.put("formData", Map.of("floor", 3));
    long before = cases();

    // when
    Api.Reply reply = api.submit(body);

    // then
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.list("errors"))
        .extracting(e -> e.get("field"))
        .containsExactlyInAnyOrder(
            "formData.district", "contact.phone", "subject", "formData.floor");
    assertThat(cases()).isEqualTo(before);
  }

  @Test
  void aCategoryTheFormDoesNotOfferIsNamed() {
    Map<String, Object> body = new HashMap<>(Api.hotlineTicket("ufo-sighting"));

    Api.Reply reply = api.submit(body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.list("errors")).extracting(e -> e.get("field")).containsExactly("category");
  }

  @Test
  void citizensCannotOpenDeviceMaintenanceCasesAndAreToldWhatToDoInstead() throws Exception {
    Map<String, Object> body = new HashMap<>(Api.hotlineTicket("water"));
    body.put("type", "DEVICE_MAINTENANCE");
    long before = cases();

    Api.Reply reply = api.submit(body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body()).containsEntry("field", "type");
    assertThat((String) reply.list("errors").get(0).get("message")).contains("HOTLINE_TICKET");
    assertThat(cases()).isEqualTo(before);
  }

  @Test
  void anApprovalApplicationFollowsItsOwnStartForm() {
    Map<String, Object> body = new HashMap<>(Api.hotlineTicket("building-permit"));
    body.put("type", "APPROVAL_APPLICATION");
    body.put("formData", Map.of("idNumber", "640104198805121234", "declarationAccepted", true));

    Api.Reply accepted = api.submit(body);
    body.put("formData", Map.of("idNumber", "640104198805121234", "declarationAccepted", false));
    Api.Reply refused = api.submit(body);

    assertThat(accepted.status()).isEqualTo(201);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.list("errors"))
        .extracting(e -> e.get("field"))
        .containsExactly("formData.declarationAccepted");
  }

  @Test
  void malformedJsonIsABadRequestProblem() {
    Api.Reply reply =
        api.send(
            HttpRequest.POST("/api/cases", "{\"type\": ")
                .contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void tracksTheCaseInPlainWordsWithAMaskedContact() {
    // given
    Api.Reply submitted = api.submit(Api.hotlineTicket("water"));

    // when
    Api.Reply reply =
        api.track(
            (String) submitted.body().get("reference"),
            (String) submitted.body().get("trackingCode"));

    // then
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).containsEntry("status", "SUBMITTED");
    assertThat(reply.body()).containsEntry("contactPhone", "139****5678");
    assertThat(reply.body()).containsEntry("contactName", "李*");
    assertThat(reply.list("timeline")).hasSize(1);
    assertThat(reply.list("timeline").get(0)).containsEntry("by", "you");
  }

  @Test
  void aWrongTrackingCodeLooksLikeAnUnknownCase() {
    Api.Reply submitted = api.submit(Api.hotlineTicket("water"));

    Api.Reply reply = api.track((String) submitted.body().get("reference"), "WRONGCODE234");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body().toString()).doesNotContain("Burst pipe");
  }

  @Test
  void aCaseThatIsNotResolvedCannotBeRated() {
    Api.Reply submitted = api.submit(Api.hotlineTicket("water"));
    String ref = (String) submitted.body().get("reference");

    Api.Reply reply =
        api.send(
            HttpRequest.POST("/api/cases/" + ref + "/rating", Map.of("score", 5))
                .header("X-Tracking-Code", (String) submitted.body().get("trackingCode")));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.body()).containsEntry("field", "status");
  }

  @Test
  void aRatingOutOfRangeNamesTheScore() {
    Api.Reply submitted = api.submit(Api.hotlineTicket("water"));
    String ref = (String) submitted.body().get("reference");

    Api.Reply reply =
        api.send(
            HttpRequest.POST("/api/cases/" + ref + "/rating", Map.of("score", 9))
                .header("X-Tracking-Code", (String) submitted.body().get("trackingCode")));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body()).containsEntry("field", "score");
  }
}
