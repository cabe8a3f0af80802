package io.cityflow.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.CaseMessages;
import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.certificate.Certificate;
import io.cityflow.cases.certificate.CertificateStore;
import io.cityflow.cases.certificate.VerificationCodes;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
 * The public check of a certificate (valid, expired, revoked) and its revocation by staff (ADR
 * 0022), on a real PostgreSQL database. Certificates are put on the register as the workers'
 * issuing job leaves them; the case is a water ticket (department WATER_SUPPLY).
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateRevocationIT {
  private static final String ISSUER = "银川市行政审批服务局";
  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

  private PostgresDatabase database;
  private PostgresServers.Running app;
  private Api api;
  private String supervisor;
  private String clerk;

  @BeforeAll
  void start(PostgresDatabase database) {
    this.database = database;
    app = PostgresServers.startWithClient(database);
    api = app.api();
    supervisor = api.login("supervisor.water", "demo-supervisor");
    clerk = api.login("clerk.water", "demo-clerk");
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** A water ticket with a certificate on the register, and the code printed on it. */
  private record Issued(String reference, Certificate certificate, String code) {}

  private Issued issued(LocalDate validUntil) {
    String reference = (String) api.submit(Api.hotlineTicket("water")).body().get("reference");
    CityCase c =
        app.bean(CaseStore.class).findByReference(CaseReference.parse(reference)).orElseThrow();
    Certificate certificate =
        new Certificate(
            reference + "-C",
            c.id(),
            reference,
            "李娜",
            "tree-felling",
            TODAY.minusMonths(13),
            "certificates/" + c.id() + "/doc",
            Instant.now().minusSeconds(400L * 24 * 3600),
            ISSUER,
            validUntil,
            null);
    String code = VerificationCodes.generate();
    app.bean(CertificateStore.class).insert(certificate, VerificationCodes.hash(code));
    return new Issued(reference, certificate, code);
  }

  private Api.Reply check(String code) {
    return api.send(HttpRequest.GET("/api/public/certificates/" + code));
  }

  private Api.Reply revoke(String token, String reference, Object reason) {
    Map<String, Object> body = new HashMap<>();
    body.put("reason", reason);
    return api.staffPost(token, "/api/staff/cases/" + reference + "/certificate/revocation", body);
  }

  /** The revocation columns of the certificate and the number of timeline entries of its case. */
  private List<Object> stored(Issued issued) throws Exception {
    try (Connection db = database.connect();
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "select c.revoked_at, c.revoked_by, c.revocation_reason,"
                        + " (select count(*) from case_timeline t where t.case_id = c.case_id)"
                        + " from certificate c where c.number = '"
                        + issued.certificate().number()
                        + "'")) {
      assertThat(rs.next()).isTrue();
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        row.add(rs.getObject(i));
      }
      return row;
    }
  }

  /** A workflow command in the outbox, as the dispatcher will publish it. */
  private record Command(
      String messageName, String correlationKey, String messageId, Map<String, Object> variables) {}

  /** The notice commands the outbox holds for the case of a certificate. */
  private List<Command> notices(Issued issued) throws Exception {
    JsonMapper json = app.bean(JsonMapper.class);
    try (Connection db = database.connect();
        var query =
            db.prepareStatement(
                "select o.message_name, o.correlation_key, o.message_id, o.variables"
                    + " from outbox_command o join certificate c on c.case_id = o.case_id"
                    + " where c.number = ? and o.message_name = ?")) {
      query.setString(1, issued.certificate().number());
      query.setString(2, CaseMessages.CITIZEN_NOTICE_REQUESTED);
      List<Command> commands = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          @SuppressWarnings("unchecked")
          Map<String, Object> variables = json.readValue(rs.getString(4), Map.class);
          commands.add(new Command(rs.getString(1), rs.getString(2), rs.getString(3), variables));
        }
      }
      return commands;
    }
  }

  /** How many notice commands the outbox holds for a case, with or without a certificate. */
  private long noticeCount(String reference) throws Exception {
    try (Connection db = database.connect();
        var query =
            db.prepareStatement(
                "select count(*) from outbox_command o join city_case c on c.id = o.case_id"
                    + " where c.reference = ? and o.message_name = ?")) {
      query.setString(1, reference);
      query.setString(2, CaseMessages.CITIZEN_NOTICE_REQUESTED);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void assertProblem(Api.Reply reply, int status, String field) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    if (field != null) {
      assertThat(reply.body()).containsEntry("field", field);
    }
  }

  @Test
  void aValidCertificateAnswersItsIssuerAndValidity() {
    // given a certificate valid until next year
    Issued issued = issued(TODAY.plusYears(1));

    // when
    Api.Reply reply = check(issued.code());

    // then
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body())
        .containsEntry("status", "VALID")
        .containsEntry("certificateNumber", issued.certificate().number())
        .containsEntry("issuer", ISSUER)
        .containsEntry("issuedOn", TODAY.minusMonths(13).toString())
        .containsEntry("validUntil", TODAY.plusYears(1).toString())
        .containsEntry("applicantName", "李*")
        .doesNotContainKeys("revokedOn", "revocationReason", "revokedBy", "caseId");
  }

  @Test
  void aCertificateIsValidOnItsLastDayAndExpiredTheDayAfter() {
    Issued lastDay = issued(TODAY);
    Issued pastIt = issued(TODAY.minusDays(1));

    assertThat(check(lastDay.code()).body()).containsEntry("status", "VALID");
    assertThat(check(pastIt.code()).body())
        .containsEntry("status", "EXPIRED")
        .containsEntry("validUntil", TODAY.minusDays(1).toString());
  }

  @Test
  void aSupervisorRevokesWithAReasonThatThePublicCheckAndTheTimelineShow() throws Exception {
    // given
    Issued issued = issued(TODAY.plusYears(1));

    // when the water supervisor revokes it
    Api.Reply revoked =
        revoke(supervisor, issued.reference(), "  The permitted trees are protected.  ");

    // then staff see it revoked, by whom and why
    assertThat(revoked.status()).as("%s", revoked.body()).isEqualTo(200);
    assertThat(revoked.body())
        .containsEntry("status", "REVOKED")
        .containsEntry("revokedBy", "supervisor.water")
        .containsEntry("revocationReason", "The permitted trees are protected.")
        .containsEntry("revokedOn", TODAY.toString())
        .containsEntry("issuer", ISSUER);
    // and the public check says so, without naming the staff member
    Api.Reply checked = check(issued.code());
    assertThat(checked.status()).isEqualTo(200);
    assertThat(checked.body())
        .containsEntry("status", "REVOKED")
        .containsEntry("revokedOn", TODAY.toString())
        .containsEntry("revocationReason", "The permitted trees are protected.")
        .containsEntry("validUntil", TODAY.plusYears(1).toString())
        .doesNotContainKey("revokedBy");
    // and the case's timeline has it, for staff and the citizen
    Api.Reply detail = api.staffGet(clerk, "/api/staff/cases/" + issued.reference());
    assertThat(detail.list("timeline"))
        .anySatisfy(
            e -> {
              assertThat(e.get("actor")).isEqualTo("supervisor.water");
              assertThat(e.get("event")).isEqualTo("CERTIFICATE_REVOKED");
              assertThat(e.get("text"))
                  .isEqualTo(
                      "Certificate "
                          + issued.certificate().number()
                          + " revoked: The permitted trees are protected.");
              assertThat(e.get("visibleToCitizen")).isEqualTo(true);
            });
    // and the clerk sees the revoked certificate on the case
    assertThat(
            api.staffGet(clerk, "/api/staff/cases/" + issued.reference() + "/certificate").body())
        .containsEntry("status", "REVOKED")
        .containsEntry("revokedBy", "supervisor.water");
    // and exactly one notice to the citizen waits in the outbox, keyed by the certificate
    String number = issued.certificate().number();
    assertThat(notices(issued))
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.correlationKey()).isEqualTo(number + ":revoked");
              assertThat(notice.messageId()).isEqualTo(number + ":revoked");
              assertThat(notice.variables())
                  .containsOnly(
                      Map.entry("caseId", issued.certificate().caseId().toString()),
                      Map.entry("template", "CERTIFICATE_REVOKED"),
                      Map.entry("certificateNumber", number),
                      Map.entry("permitType", "tree-felling"),
                      Map.entry("revokedOn", TODAY.toString()),
                      Map.entry("revocationReason", "The permitted trees are protected."));
            });
  }

  @Test
  void revokingAgainIsAConflictAndChangesNothing() throws Exception {
    // given a certificate revoked once
    Issued issued = issued(null);
    assertThat(revoke(supervisor, issued.reference(), "Issued in error").status()).isEqualTo(200);
    List<Object> before = stored(issued);
    String admin = api.login("admin", "demo-admin");

    // when it is revoked again, by the same supervisor or an admin, with another reason
    Api.Reply again = revoke(supervisor, issued.reference(), "Second thoughts");
    Api.Reply byAdmin = revoke(admin, issued.reference(), "Another reason");

    // then
    assertProblem(again, 409, "certificate");
    assertProblem(byAdmin, 409, "certificate");
    assertThat(stored(issued)).isEqualTo(before);
    assertThat(check(issued.code()).body()).containsEntry("revocationReason", "Issued in error");
    assertThat(notices(issued))
        .singleElement()
        .satisfies(
            n -> assertThat(n.variables()).containsEntry("revocationReason", "Issued in error"));
  }

  @Test
  void anAdministratorRevokesACertificateOfAnyDepartment() {
    Issued issued = issued(null);
    String admin = api.login("admin", "demo-admin");

    Api.Reply revoked = revoke(admin, issued.reference(), "Holder withdrew the application");

    assertThat(revoked.status()).as("%s", revoked.body()).isEqualTo(200);
    assertThat(check(issued.code()).body()).containsEntry("status", "REVOKED");
  }

  @Test
  void aRevocationWithoutReasonOrWithAnOversizedReasonIsRefusedAndChangesNothing()
      throws Exception {
    // given
    Issued issued = issued(null);
    List<Object> before = stored(issued);

    // when
    Api.Reply missing = revoke(supervisor, issued.reference(), null);
    Api.Reply blank = revoke(supervisor, issued.reference(), "   ");
    Api.Reply oversized = revoke(supervisor, issued.reference(), "x".repeat(501));
    Api.Reply noBody =
        api.send(
            HttpRequest.POST(
                    "/api/staff/cases/" + issued.reference() + "/certificate/revocation", "")
                .contentType("application/json")
                .bearerAuth(supervisor));

    // then
    assertProblem(missing, 400, "reason");
    assertProblem(blank, 400, "reason");
    assertProblem(oversized, 400, "reason");
    assertThat(noBody.status()).isEqualTo(400);
    assertThat(noBody.contentType()).isEqualTo("application/problem+json");
    assertThat(stored(issued)).isEqualTo(before);
    assertThat(before.get(0)).isNull();
    assertThat(check(issued.code()).body()).containsEntry("status", "VALID");
    assertThat(notices(issued)).isEmpty();
  }

  @Test
  void onlyASupervisorOfTheCaseOrAnAdministratorMayRevoke() throws Exception {
    // given
    Issued issued = issued(null);
    List<Object> before = stored(issued);
    String owner = api.login("owner", "demo-owner");
    String otherClerk = api.login("clerk.traffic", "demo-clerk");

    // when a clerk of the department, a process owner, a clerk of another department and nobody
    // try to revoke it
    Api.Reply byClerk = revoke(clerk, issued.reference(), "I think it is wrong");
    Api.Reply byOwner = revoke(owner, issued.reference(), "I think it is wrong");
    Api.Reply byOtherDepartment = revoke(otherClerk, issued.reference(), "I think it is wrong");
    Api.Reply anonymous = revoke(null, issued.reference(), "I think it is wrong");

    // then the clerk and the owner are forbidden, the other department sees no such case
    assertProblem(byClerk, 403, null);
    assertProblem(byOwner, 403, null);
    assertProblem(byOtherDepartment, 404, "reference");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(stored(issued)).isEqualTo(before);
    assertThat(check(issued.code()).body()).containsEntry("status", "VALID");
    assertThat(notices(issued)).isEmpty();
  }

  @Test
  void anUnknownCaseOrACaseWithoutCertificateIsNotFound() throws Exception {
    String withoutCertificate =
        (String) api.submit(Api.hotlineTicket("water")).body().get("reference");

    assertProblem(revoke(supervisor, "YC-2020-999999", "Issued in error"), 404, "reference");
    assertProblem(revoke(supervisor, withoutCertificate, "Issued in error"), 404, "certificate");
    assertProblem(
        api.staffGet(clerk, "/api/staff/cases/" + withoutCertificate + "/certificate"),
        404,
        "certificate");
    assertProblem(revoke(supervisor, "not-a-reference", "Issued in error"), 422, "reference");
    assertThat(noticeCount(withoutCertificate)).isZero();
  }

  @Test
  void aMalformedCodeIsABadRequestAndAnUnknownCodeIsNotFound() {
    issued(null);

    assertProblem(check("ABCD-EFGH-JKMN-PQRO"), 400, "code");
    assertProblem(check("ABCD-EFGH"), 400, "code");
    assertProblem(check(VerificationCodes.generate()), 404, "code");
  }
}
