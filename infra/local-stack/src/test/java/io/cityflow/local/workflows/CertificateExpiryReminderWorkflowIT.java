package io.cityflow.local.workflows;

import static io.cityflow.local.workflows.CityFlowStack.await;
import static io.cityflow.local.workflows.CityFlowStack.bearer;
import static io.cityflow.local.workflows.CityFlowStack.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.local.workflows.CityFlowStack.Receipt;
import io.cityflow.local.workflows.CityFlowStack.Reply;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expiry reminders end to end in the local stack (ADR 0022, addendum "expiry reminders"): the daily
 * timer of {@code certificate-expiry-reminders} fires, its worker's sweep writes the outbox
 * message, {@code notify-citizen} puts one notice in the local mailbox, and the next day's sweep
 * sends none for the same certificate.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateExpiryReminderWorkflowIT {
  private static final String VALIDITY = "cityflow.certificates.validity";
  private static final String APPROVAL_QUEUE = "department=ADMIN_APPROVAL";
  private static final String REVIEW = "Review application";

  private final PostgresDatabase database;
  private CityFlowStack city;
  private String clerk;
  private String admin;

  CertificateExpiryReminderWorkflowIT(PostgresDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    // One month: a certificate issued today is valid for at most 30 more days, so it is due at
    // once with the default lead time of 30 days.
    System.setProperty(VALIDITY, "*=1");
    try {
      city = CityFlowStack.start(database, dataDir);
    } finally {
      System.clearProperty(VALIDITY);
    }
    clerk = city.signIn("clerk.approval", "demo-clerk");
    admin = city.signIn("admin", "demo-admin");
  }

  @AfterAll
  void stop() throws Exception {
    if (city != null) {
      city.resetEngineClock();
      city.close();
    }
  }

  @Test
  void theHolderOfACertificateAboutToExpireIsRemindedOnceByTheDailySweep() throws Exception {
    // given an approved application whose certificate expires within 30 days
    Map<String, Object> certificate = certificateOf(approvedApplication());
    String number = (String) certificate.get("certificateNumber");
    String validUntil = (String) certificate.get("validUntil");
    assertThat(validUntil).as("valid until of %s", certificate).isNotNull();

    // when the engine's clock reaches the next daily sweep
    Instant now = Instant.now();
    city.setEngineClock(now.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)));

    // then the holder gets one notice, in both languages (the case has none recorded)
    Map<String, Object> notice =
        await(
            "the expiry reminder in the local mailbox",
            () -> reminders(number).stream().findFirst().orElse(null));
    assertThat(notice).containsEntry("channel", "sms");
    assertThat((String) notice.get("recipient")).contains("13812345678");
    assertThat((String) notice.get("subject"))
        .isEqualTo(
            "您的证书 "
                + number
                + " 将于 "
                + validUntil
                + " 到期 / Your certificate "
                + number
                + " expires on "
                + validUntil);
    assertThat((String) notice.get("body"))
        .contains(number, validUntil, (String) certificate.get("permitType"))
        .contains("续期须提交新的申请", "a renewal is a new application");

    // when another certificate becomes due and the next day's sweep runs
    String second = (String) certificateOf(approvedApplication()).get("certificateNumber");
    city.setEngineClock(now.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)));

    // then that sweep reminds the new holder, and the first holder still has one notice
    await(
        "the second certificate's reminder",
        () -> reminders(second).isEmpty() ? null : Boolean.TRUE);
    assertThat(reminders(number)).hasSize(1);
    assertThat(reminders(second)).hasSize(1);
    assertThat(outboxMessages(number + ":expiring")).isEqualTo(1);
  }

  private List<Map<String, Object>> reminders(String certificateNumber) throws Exception {
    return city.get("/local/mailbox?limit=500", Map.of()).list().stream()
        .filter(m -> "CERTIFICATE_EXPIRING".equals(m.get("template")))
        .filter(m -> ((String) m.get("body")).contains(certificateNumber))
        .toList();
  }

  private int outboxMessages(String messageId) throws Exception {
    try (Connection db = database.connect();
        PreparedStatement q =
            db.prepareStatement("select count(*) from outbox_command where message_id = ?")) {
      q.setString(1, messageId);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private Map<String, Object> certificateOf(Receipt application) throws Exception {
    String path = "/api/staff/cases/" + application.reference() + "/certificate";
    return await(
        "the certificate of " + application.reference(),
        () -> {
          Reply reply = city.get(path, bearer(admin));
          return reply.status() == 200 ? reply.map() : null;
        });
  }

  /** An application with both documents, approved by the clerk and closed. */
  private Receipt approvedApplication() throws Exception {
    Receipt application = city.submit(application("id-card.pdf", "application-letter.pdf"));
    Map<String, Object> review =
        city.awaitTask(clerk, APPROVAL_QUEUE, application.reference(), REVIEW);
    city.claimAndComplete(
        clerk, review, map("reviewDecision", "APPROVE", "reviewReason", "In order."));
    city.awaitCitizenSees(application, "CLOSED");
    return application;
  }

  private static Map<String, Object> application(String... documents) {
    return map(
        "type",
        "APPROVAL_APPLICATION",
        "channel",
        "APP",
        "contact",
        map("name", "王芳", "phone", "13812345678"),
        "subject",
        "Permit for a street-food stall at the night market",
        "description",
        "A small stall selling noodles on Friday and Saturday nights.",
        "category",
        "other",
        "location",
        map("address", "Gulou Street 8, Xingqing"),
        "formData",
        map("idNumber", "640104199001011234", "declarationAccepted", true),
        "attachments",
        List.of(documents).stream().map(CertificateExpiryReminderWorkflowIT::pdf).toList());
  }

  /** A small real PDF named like the document type it supplies. */
  private static Map<String, Object> pdf(String fileName) {
    String pdf =
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    return map(
        "fileName",
        fileName,
        "contentBase64",
        Base64.getEncoder().encodeToString(pdf.getBytes(StandardCharsets.US_ASCII)));
  }
}
