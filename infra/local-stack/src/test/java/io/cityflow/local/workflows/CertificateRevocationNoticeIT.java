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
 * A revoked certificate reaches its holder (ADR 0022): the revocation's outbox message starts a
 * {@code notify-citizen} instance, whose worker puts the notice in the local mailbox.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateRevocationNoticeIT {
  private static final String APPROVAL_QUEUE = "department=ADMIN_APPROVAL";

  private final PostgresDatabase database;
  private CityFlowStack city;
  private String clerk;
  private String admin;

  CertificateRevocationNoticeIT(PostgresDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    city = CityFlowStack.start(database, dataDir);
    clerk = city.signIn("clerk.approval", "demo-clerk");
    admin = city.signIn("admin", "demo-admin");
  }

  @AfterAll
  void stop() {
    if (city != null) {
      city.close();
    }
  }

  @Test
  void theHolderIsToldOnceInChineseAndEnglishThatTheCertificateWasRevokedAndWhy() throws Exception {
    // given an approved application whose certificate is on the register
    Receipt application = approvedApplication();
    String certificatePath = "/api/staff/cases/" + application.reference() + "/certificate";
    Map<String, Object> certificate =
        await(
            "the certificate of " + application.reference(),
            () -> {
              Reply reply = city.get(certificatePath, bearer(admin));
              return reply.status() == 200 ? reply.map() : null;
            });
    String number = (String) certificate.get("certificateNumber");
    String reason = "The stall's location was withdrawn by the market operator.";

    // when an administrator revokes it
    Reply revoked =
        city.post(certificatePath + "/revocation", map("reason", reason), bearer(admin));

    // then the holder gets one notice naming the certificate, the permit and the reason
    assertThat(revoked.status()).as("%s", revoked.body()).isEqualTo(200);
    Map<String, Object> notice =
        await(
            "the revocation notice in the local mailbox",
            () -> revocationNotices(number).stream().findFirst().orElse(null));
    assertThat(notice).containsEntry("channel", "sms");
    assertThat((String) notice.get("recipient")).contains("13812345678");
    assertThat((String) notice.get("body"))
        .contains(number, (String) certificate.get("permitType"), "Reason: " + reason, "QR code")
        .contains("已被撤销", "原因：" + reason);
    assertThat((String) notice.get("subject")).startsWith("您的证书 " + number + " 已被撤销 / ");
    assertThat(revocationNotices(number)).hasSize(1);
  }

  private List<Map<String, Object>> revocationNotices(String certificateNumber) throws Exception {
    return city.get("/local/mailbox?limit=500", Map.of()).list().stream()
        .filter(m -> "CERTIFICATE_REVOKED".equals(m.get("template")))
        .filter(m -> ((String) m.get("body")).contains(certificateNumber))
        .toList();
  }

  /** An application with both documents, approved by the clerk and closed. */
  private Receipt approvedApplication() throws Exception {
    Receipt application =
        city.submit(
            map(
                "type", "APPROVAL_APPLICATION",
                "channel", "APP",
                "contact", map("name", "王芳", "phone", "13812345678"),
                "subject", "Permit for a street-food stall at the night market",
                "description", "A small stall selling noodles on Friday and Saturday nights.",
                "category", "other",
                "location", map("address", "Gulou Street 8, Xingqing"),
                "formData", map("idNumber", "640104199001011234", "declarationAccepted", true),
                "attachments", List.of(pdf("id-card.pdf"), pdf("application-letter.pdf"))));
    Map<String, Object> review =
        city.awaitTask(clerk, APPROVAL_QUEUE, application.reference(), "Review application");
    city.claimAndComplete(
        clerk, review, map("reviewDecision", "APPROVE", "reviewReason", "In order."));
    city.awaitCitizenSees(application, "CLOSED");
    return application;
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
