package io.cityflow.local.workflows;

import static io.cityflow.local.workflows.CityFlowStack.await;
import static io.cityflow.local.workflows.CityFlowStack.bearer;
import static io.cityflow.local.workflows.CityFlowStack.citizen;
import static io.cityflow.local.workflows.CityFlowStack.map;
import static io.cityflow.local.workflows.CityFlowStack.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.local.workflows.CityFlowStack.Receipt;
import io.cityflow.local.workflows.CityFlowStack.Reply;
import io.cityflow.localstack.CertificatePdfs;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's "done when" for {@code smartphone-approval}, in the local stack and only through its
 * HTTP API: an application with a request for more documents, then issued, with the certificate on
 * the case for the citizen to download; and a revoked certificate's holder is told (ADR 0022).
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmartphoneApprovalWorkflowIT {
  /** Permit types without a rule of their own go to the approval centre (catch-all rule). */
  private static final String APPROVAL_QUEUE = "department=ADMIN_APPROVAL";

  private static final String REVIEW = "Review application";

  private final PostgresDatabase database;
  private CityFlowStack city;
  private String clerk;
  private String admin;

  SmartphoneApprovalWorkflowIT(PostgresDatabase database) {
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
  void missingDocumentsAreAskedForWithTheClockPausedAndTheApprovedCertificateCanBeDownloaded()
      throws Exception {
    // given an application that brings the ID card but not the application letter it needs
    Receipt application = city.submit(application("id-card.pdf"));

    // then the citizen is asked for more documents, and the deadline stops running meanwhile
    Map<String, Object> asked = city.awaitCitizenSees(application, "WAITING_FOR_CITIZEN");
    assertThat(asked)
        .containsEntry("informationRequested", true)
        .containsEntry(
            "statusText", "We need more information from you. Please answer the question below.");
    Map<String, Object> paused = city.staffCase(clerk, application.reference());
    assertThat(paused.get("slaPausedAt")).isNotNull();
    assertThat(city.tasksOf(clerk, APPROVAL_QUEUE, application.reference())).isEmpty();

    // when the citizen answers with the missing letter
    Reply answered =
        city.post(
            "/api/cases/" + application.reference() + "/information",
            map(
                "text",
                "Here is the signed application letter.",
                "attachments",
                List.of(pdf("application-letter.pdf"))),
            citizen(application));

    // then the clock runs again, the documents are complete and the approval centre reviews it
    assertThat(answered.status()).as("%s", answered.body()).isEqualTo(200);
    Map<String, Object> review =
        city.awaitTask(clerk, APPROVAL_QUEUE, application.reference(), REVIEW);
    Map<String, Object> inReview = city.staffCase(clerk, application.reference());
    assertThat(inReview.get("slaPausedAt")).isNull();
    // (The pause moves the deadline by the working time it lasted: nothing, at night.)
    assertThat(Instant.parse((String) inReview.get("slaDueAt")))
        .isAfterOrEqualTo(Instant.parse((String) paused.get("slaDueAt")));
    assertThat(city.track(application).get("status")).isEqualTo("IN_PROGRESS");

    // when the reviewer approves
    city.claimAndComplete(
        clerk,
        review,
        map("reviewDecision", "APPROVE", "reviewReason", "All documents are in order."));

    // then the application is closed as approved, the certificate issued and the citizen told
    Map<String, Object> approved = city.awaitCitizenSees(application, "CLOSED");
    assertThat(approved).containsEntry("outcome", "APPROVED");
    assertThat(timeline(approved, "ATTACHMENT_ADDED"))
        .anySatisfy(text -> assertThat(text).startsWith("Certificate ").endsWith(" issued"));
    Map<String, Object> notice =
        await(
            "the approval notice in the local mailbox",
            () ->
                city.get("/local/mailbox?limit=500", Map.of()).list().stream()
                    .filter(m -> "APPLICATION_APPROVED".equals(m.get("template")))
                    .filter(m -> ((String) m.get("body")).contains(application.reference()))
                    .findFirst()
                    .orElse(null));
    assertThat(notice).containsEntry("channel", "sms");
    assertThat((String) notice.get("recipient")).contains("13812345678");
    assertThat(files(application))
        .extracting(f -> f.get("fileName"))
        .contains("id-card.pdf", "application-letter.pdf");
    assertThat(city.tasksOf(clerk, APPROVAL_QUEUE, application.reference())).isEmpty();
  }

  @Test
  void theIssuedCertificateIsAmongTheFilesAndDownloadsAsAPdf() throws Exception {
    // given an approved application
    Receipt application = approvedApplication();

    // when the citizen looks at the files of the case
    Map<String, Object> certificate = certificateAmongFiles(application);

    // then the certificate is there and downloads as a PDF
    assertThat((String) certificate.get("fileName")).startsWith(application.reference());
    Reply download =
        city.get(
            "/api/cases/" + application.reference() + "/attachments/" + certificate.get("id"),
            citizen(application));
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.header("Content-Type")).startsWith("application/pdf");
    assertThat(new String(download.bytes(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
  }

  @Test
  void theQrCodeOnTheCertificateOpensThePublicCheckPageOfTheCodePrintedOnIt() throws Exception {
    // given the certificate of an approved application, as the citizen downloads it
    Receipt application = approvedApplication();
    Map<String, Object> file = certificateAmongFiles(application);
    byte[] pdf =
        city.get(
                "/api/cases/" + application.reference() + "/attachments/" + file.get("id"),
                citizen(application))
            .bytes();
    String text = CertificatePdfs.text(pdf);

    // when someone scans its QR code and opens the address: the check page, which asks the
    // public check of the code in its address (web/CertificateCheckIT follows it in a browser)
    URI scanned = URI.create(CertificatePdfs.qrCode(pdf));
    Reply page = city.get(scanned.getRawPath() + "?" + scanned.getRawQuery(), Map.of());
    String asked = scanned.getRawQuery().replaceFirst("^code=", "");
    Reply check = city.get("/api/public/certificates/" + asked, Map.of());

    // then the address is printed too, it is the check page of the code on the certificate,
    // open without sign-in, and the check confirms this certificate; the holder's Chinese name
    // is on the paper
    Matcher code = Pattern.compile("[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}").matcher(text);
    assertThat(code.find()).as(text).isTrue();
    assertThat(scanned.getRawPath()).isEqualTo("/verify.html");
    assertThat(scanned.getRawQuery()).isEqualTo("code=" + code.group());
    assertThat(text).contains(scanned.toString(), "王芳");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(new String(page.bytes(), StandardCharsets.UTF_8)).contains("/assets/verify.js");
    assertThat(check.status()).as("%s", check.body()).isEqualTo(200);
    assertThat(check.map())
        .containsEntry("certificateNumber", application.reference() + "-C")
        .doesNotContainValue("王芳");
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

    // when an administrator revokes it (ADR 0022: the revocation's outbox message starts a
    // notify-citizen instance, whose worker puts the notice in the local mailbox)
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
    Receipt application = city.submit(application("id-card.pdf", "application-letter.pdf"));
    Map<String, Object> review =
        city.awaitTask(clerk, APPROVAL_QUEUE, application.reference(), REVIEW);
    city.claimAndComplete(
        clerk, review, map("reviewDecision", "APPROVE", "reviewReason", "In order."));
    city.awaitCitizenSees(application, "CLOSED");
    return application;
  }

  /** The PDF the city added to the files of the case: the certificate, once issued. */
  private Map<String, Object> certificateAmongFiles(Receipt application) throws Exception {
    return await(
        "the certificate among the files of " + application.reference(),
        () ->
            files(application).stream()
                .filter(f -> "city".equals(f.get("by")))
                .filter(f -> ((String) f.get("fileName")).endsWith(".pdf"))
                .findFirst()
                .orElse(null));
  }

  @Test
  void aReviewerAsksForMoreDocumentsAndTheApplicationIsReviewedAgainWithTheAnswer()
      throws Exception {
    // given a complete application in review
    Receipt application = city.submit(application("id-card.pdf", "application-letter.pdf"));
    Map<String, Object> first =
        city.awaitTask(clerk, APPROVAL_QUEUE, application.reference(), REVIEW);

    // when the reviewer asks for more documents
    city.claimAndComplete(
        clerk,
        first,
        map("reviewDecision", "MORE_DOCUMENTS", "reviewReason", "Please add the floor plan."));

    // then the citizen is asked, and answers
    city.awaitCitizenSees(application, "WAITING_FOR_CITIZEN");
    Reply answered =
        city.post(
            "/api/cases/" + application.reference() + "/information",
            map("text", "Floor plan attached.", "attachments", List.of(pdf("floor-plan.pdf"))),
            citizen(application));
    assertThat(answered.status()).as("%s", answered.body()).isEqualTo(200);

    // then it comes back for review, and an approval issues the certificate
    Map<String, Object> second =
        await(
            "a second review of " + application.reference(),
            () ->
                city.tasksOf(clerk, APPROVAL_QUEUE, application.reference()).stream()
                    .filter(t -> REVIEW.equals(t.get("name")))
                    .filter(t -> !t.get("taskKey").equals(first.get("taskKey")))
                    .findFirst()
                    .orElse(null));
    city.claimAndComplete(
        clerk, second, map("reviewDecision", "APPROVE", "reviewReason", "Complete now."));
    Map<String, Object> approved = city.awaitCitizenSees(application, "CLOSED");
    assertThat(approved).containsEntry("outcome", "APPROVED");
    assertThat(timeline(approved, "INFORMATION_PROVIDED")).containsExactly("Floor plan attached.");
  }

  private List<Map<String, Object>> files(Receipt application) throws Exception {
    Reply files =
        city.get("/api/cases/" + application.reference() + "/attachments", citizen(application));
    assertThat(files.status()).isEqualTo(200);
    return files.list();
  }

  private static Map<String, Object> application(String... documents) {
    return map(
        "type", "APPROVAL_APPLICATION",
        "channel", "APP",
        "contact", map("name", "王芳", "phone", "13812345678"),
        "subject", "Permit for a street-food stall at the night market",
        "description", "A small stall selling noodles on Friday and Saturday nights.",
        "category", "other",
        "location", map("address", "Gulou Street 8, Xingqing"),
        "formData", map("idNumber", "640104199001011234", "declarationAccepted", true),
        "attachments", List.of(documents).stream().map(SmartphoneApprovalWorkflowIT::pdf).toList());
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
