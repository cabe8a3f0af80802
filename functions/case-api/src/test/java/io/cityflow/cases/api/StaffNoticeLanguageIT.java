package io.cityflow.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.CaseStore;
import io.cityflow.cases.TimelineStore;
import io.cityflow.cases.notification.Notifications;
import io.cityflow.cases.testing.RecordingNotifier;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Staff see and change the citizen's notice language (docs/adr/0023, addendum), on a real
 * PostgreSQL database. The cases are water tickets (department WATER_SUPPLY).
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffNoticeLanguageIT {
  private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

  private PostgresDatabase database;
  private PostgresServers.Running app;
  private Api api;
  private String clerk;

  @BeforeAll
  void start(PostgresDatabase database) {
    this.database = database;
    app = PostgresServers.startWithClient(database);
    api = app.api();
    clerk = api.login("clerk.water", "demo-clerk");
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** A submitted water ticket: its reference and tracking code. */
  private record Submitted(String reference, String trackingCode) {}

  private Submitted submitted(String language) {
    Map<String, Object> body = Api.hotlineTicket("water");
    if (language != null) {
      body.put("language", language);
    }
    Api.Reply reply = api.submit(body);
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
    return new Submitted(
        (String) reply.body().get("reference"), (String) reply.body().get("trackingCode"));
  }

  private Api.Reply setLanguage(String token, String reference, Object body) {
    return api.staffPut(token, "/api/staff/cases/" + reference + "/language", body);
  }

  private static Map<String, Object> language(Object value) {
    Map<String, Object> body = new HashMap<>();
    body.put("language", value);
    return body;
  }

  /** The stored case as the tests compare it: language, update time, timeline length. */
  private List<Object> stored(String reference) throws Exception {
    try (Connection db = database.connect();
        PreparedStatement query =
            db.prepareStatement(
                "select c.language, c.updated_at,"
                    + " (select count(*) from case_timeline t where t.case_id = c.id)"
                    + " from city_case c where c.reference = ?")) {
      query.setString(1, reference);
      try (ResultSet rs = query.executeQuery()) {
        assertThat(rs.next()).as("case %s stored", reference).isTrue();
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
          row.add(rs.getObject(i));
        }
        return row;
      }
    }
  }

  private static void assertProblem(Api.Reply reply, int status, String field) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    if (field != null) {
      assertThat(reply.body()).as("%s", reply.body()).containsEntry("field", field);
    }
  }

  @Test
  void theStaffViewShowsTheNoticeLanguageOrNoneWhenUnknown() {
    Submitted chinese = submitted("zh-CN");
    Submitted english = submitted("en");
    Submitted unknown = submitted(null);

    assertThat(api.staffGet(clerk, "/api/staff/cases/" + chinese.reference()).body())
        .containsEntry("language", "zh-CN");
    assertThat(api.staffGet(clerk, "/api/staff/cases/" + english.reference()).body())
        .containsEntry("language", "en");
    Api.Reply none = api.staffGet(clerk, "/api/staff/cases/" + unknown.reference());
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.body().get("language")).isNull();
  }

  @Test
  void aClerkSetsEnglishAndTheTimelineOfStaffAndCitizenSaysSo() throws Exception {
    // given a case whose language nobody knows (notices in both)
    Submitted c = submitted(null);

    // when the citizen phones and the clerk sets English
    Api.Reply reply = setLanguage(clerk, c.reference(), language("en"));

    // then staff get the case back in English, with the change on the timeline
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    assertThat(reply.body()).containsEntry("language", "en");
    assertThat(reply.list("timeline"))
        .last()
        .satisfies(
            e -> {
              assertThat(e.get("event")).isEqualTo("NOTICE_LANGUAGE_CHANGED");
              assertThat(e.get("actor")).isEqualTo("clerk.water");
              assertThat(e.get("actorKind")).isEqualTo("STAFF");
              assertThat(e.get("text"))
                  .isEqualTo("Notice language set to English (was both languages)");
              assertThat(e.get("visibleToCitizen")).isEqualTo(true);
            });
    // and it is stored
    assertThat(stored(c.reference()).get(0)).isEqualTo("en");
    assertThat(api.staffGet(clerk, "/api/staff/cases/" + c.reference()).body())
        .containsEntry("language", "en");
    // and the citizen's tracking page shows the entry, from "the city"
    Api.Reply tracked = api.track(c.reference(), c.trackingCode());
    assertThat(tracked.list("timeline"))
        .anySatisfy(
            e -> {
              assertThat(e.get("event")).isEqualTo("NOTICE_LANGUAGE_CHANGED");
              assertThat(e.get("by")).isEqualTo("city");
              assertThat(e.get("text"))
                  .isEqualTo("Notice language set to English (was both languages)");
            });
  }

  @Test
  void aSupervisorOrAnAdministratorChangesItToo() throws Exception {
    Submitted c = submitted("en");
    String supervisor = api.login("supervisor.water", "demo-supervisor");
    String admin = api.login("admin", "demo-admin");

    Api.Reply bySupervisor = setLanguage(supervisor, c.reference(), language("zh-CN"));
    Api.Reply byAdmin = setLanguage(admin, c.reference(), language("en"));

    assertThat(bySupervisor.status()).as("%s", bySupervisor.body()).isEqualTo(200);
    assertThat(byAdmin.status()).as("%s", byAdmin.body()).isEqualTo(200);
    assertThat(byAdmin.list("timeline"))
        .filteredOn(e -> "NOTICE_LANGUAGE_CHANGED".equals(e.get("event")))
        .extracting(e -> e.get("actor") + ": " + e.get("text"))
        .containsExactly(
            "supervisor.water: Notice language set to Chinese (was English)",
            "admin: Notice language set to English (was Chinese)");
    assertThat(stored(c.reference()).get(0)).isEqualTo("en");
  }

  @Test
  void settingTheSameLanguageAgainIsANoOp() throws Exception {
    // given a case the clerk already set to English
    Submitted c = submitted(null);
    assertThat(setLanguage(clerk, c.reference(), language("en")).status()).isEqualTo(200);
    List<Object> before = stored(c.reference());

    // when it is set to English again
    Api.Reply again = setLanguage(clerk, c.reference(), language("en"));

    // then it answers the case as it is, and nothing changed
    assertThat(again.status()).as("%s", again.body()).isEqualTo(200);
    assertThat(again.body()).containsEntry("language", "en");
    assertThat(again.list("timeline"))
        .filteredOn(e -> "NOTICE_LANGUAGE_CHANGED".equals(e.get("event")))
        .hasSize(1);
    assertThat(stored(c.reference())).isEqualTo(before);
  }

  @Test
  void aCaseSubmittedInALanguageAndSetToItIsUnchanged() throws Exception {
    Submitted c = submitted("zh-CN");
    List<Object> before = stored(c.reference());

    Api.Reply reply = setLanguage(clerk, c.reference(), language("zh-CN"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(stored(c.reference())).isEqualTo(before);
  }

  @Test
  void aBadValueIsAProblemNamingLanguageAndChangesNothing() throws Exception {
    // given
    Submitted c = submitted("zh-CN");
    List<Object> before = stored(c.reference());

    // when: unknown tags, other spellings, nothing, and values of the wrong type
    List<Object> values = new ArrayList<>(List.of("fr", "EN", "en-US", "zh", "chinese", "", " en"));
    values.add(null);
    values.add(5);
    values.add(true);
    values.add(List.of("en"));
    values.add(Map.of("tag", "en"));
    for (Object value : values) {
      Api.Reply reply = setLanguage(clerk, c.reference(), language(value));

      // then
      assertThat(reply.status()).as("%s: %s", value, reply.body()).isEqualTo(400);
      assertThat(reply.contentType()).as("%s", value).isEqualTo("application/problem+json");
      assertThat(reply.body()).as("%s: %s", value, reply.body()).containsEntry("field", "language");
    }
    assertThat(stored(c.reference())).isEqualTo(before);
  }

  @Test
  void aMissingOrMalformedBodyIsAProblemNamingLanguageAndChangesNothing() throws Exception {
    // given
    Submitted c = submitted(null);
    List<Object> before = stored(c.reference());
    String path = "/api/staff/cases/" + c.reference() + "/language";

    // when
    List<Api.Reply> replies = new ArrayList<>();
    replies.add(setLanguage(clerk, c.reference(), Map.of()));
    replies.add(setLanguage(clerk, c.reference(), Map.of("lang", "en")));
    for (String raw :
        new String[] {
          "{\"language\": ", "{\"language\": \"en\"", "en", "\"en\"", "[\"en\"]", "null", ""
        }) {
      replies.add(
          api.send(HttpRequest.PUT(path, raw).contentType("application/json").bearerAuth(clerk)));
    }

    // then
    for (Api.Reply reply : replies) {
      assertProblem(reply, 400, "language");
    }
    assertThat(stored(c.reference())).isEqualTo(before);
  }

  @Test
  void staffOfAnotherDepartmentFindNoSuchCaseAndOthersAreRefused() throws Exception {
    // given
    Submitted c = submitted(null);
    List<Object> before = stored(c.reference());
    String trafficClerk = api.login("clerk.traffic", "demo-clerk");
    String hotlineClerk = api.login("clerk.hotline", "demo-clerk");
    String owner = api.login("owner", "demo-owner");

    // when
    Api.Reply byTrafficClerk = setLanguage(trafficClerk, c.reference(), language("en"));
    Api.Reply byHotlineClerk = setLanguage(hotlineClerk, c.reference(), language("en"));
    Api.Reply byOwner = setLanguage(owner, c.reference(), language("en"));
    Api.Reply anonymous = setLanguage(null, c.reference(), language("en"));

    // then another department's staff see no such case (ADR 0007), a process owner may not work
    // on cases, and nobody is not signed in
    assertProblem(byTrafficClerk, 404, "reference");
    assertProblem(byHotlineClerk, 404, "reference");
    assertProblem(byOwner, 403, null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(stored(c.reference())).isEqualTo(before);
    assertThat(byTrafficClerk.body().toString()).doesNotContain("Burst pipe");
  }

  @Test
  void anUnknownReferenceIsNotFound() {
    assertProblem(setLanguage(clerk, "YC-2020-999999", language("en")), 404, "reference");
  }

  @Test
  void laterNoticesComeInTheNewLanguage() throws Exception {
    // given a case without a language, set to English by the clerk
    Submitted c = submitted(null);
    Api.Reply changed = setLanguage(clerk, c.reference(), language("en"));
    assertThat(changed.status()).isEqualTo(200);
    UUID caseId = UUID.fromString((String) changed.body().get("id"));
    RecordingNotifier sms = new RecordingNotifier("sms");
    Notifications notifications =
        new Notifications(
            List.of(sms),
            app.bean(CaseStore.class),
            app.bean(TimelineStore.class),
            app.bean(JsonMapper.class),
            Clock.systemUTC());

    // when the workflow's next notice goes out, reading the case from the database
    notifications.notifyCitizen(
        caseId, "TICKET_REPLY", Map.of("replyText", "The valve is fixed."), "job-1");

    // then it is in English only
    assertThat(sms.sent())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.subject()).isEqualTo("Reply to your request " + c.reference());
              assertThat(n.body()).doesNotContainPattern(CHINESE).contains("The valve is fixed.");
            });
  }
}
