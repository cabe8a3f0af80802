package io.cityflow.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.AttachmentStore;
import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.certificate.Certificate;
import io.cityflow.cases.certificate.CertificateStore;
import io.cityflow.cases.certificate.Certificates;
import io.cityflow.cases.certificate.VerificationCodes;
import io.cityflow.localstack.CertificatePdfs;
import io.cityflow.testsupport.PostgresDatabase;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The public certificate check (verify.html, ADR 0021, ADR 0022): a phone that scans the QR code on
 * an issued certificate opens a page saying in words that the certificate is valid, who issued it,
 * until when, and what it says; a code typed in from the paper is checked the same way; a code no
 * certificate has is not valid; an expired certificate and one a supervisor revoked (on the clerk
 * workspace) are genuine but no longer valid. Nobody signs in to check. The certificate is issued
 * by the same service the approval process's worker calls, on a real application submitted through
 * the API (the approval journey itself is {@link ApprovalJourneyIT}).
 */
class CertificateCheckIT extends InBrowser {
  private static final String PERMIT = "食品经营许可证";
  private static final String HOLDER = "王芳";
  private static final String PHONE = "13812345678";
  private static final String ISSUER = "银川市行政审批服务局";
  private static final int MONTHS_VALID = 24;
  private static final Pattern CODE = Pattern.compile("[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}");
  private static final DateTimeFormatter ENGLISH_DATE =
      DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH);

  /** Supersedes {@link InBrowser}'s start: the same stack with the certificate settings. */
  @BeforeAll
  static void start(PostgresDatabase database) throws Exception {
    stack =
        WebStack.start(
            database,
            dataDir,
            Map.of(
                "cityflow.certificates.issuer",
                ISSUER,
                "cityflow.certificates.validity",
                PERMIT + "=" + MONTHS_VALID + ", *=none"));
    browser = Browser.open(stack.apiUrl().toString().replaceAll("/$", ""));
  }

  private static LocalDate cityToday() {
    return LocalDate.now(ZoneId.of("Asia/Shanghai"));
  }

  private final HttpClient http = HttpClient.newHttpClient();

  /** An issued certificate as its holder has it: the PDF, and the code printed on it. */
  private record Paper(Certificate certificate, byte[] pdf, String code) {}

  @Test
  void theQrCodeOpensAPageThatSaysInChineseAndEnglishThatTheCertificateIsValid() throws Exception {
    // given a certificate the city issued, and a phone that has never been on the site
    Paper paper = issue();
    LocalDate validUntil = paper.certificate().decisionDate().plusMonths(MONTHS_VALID).minusDays(1);
    assertThat(paper.certificate().issuer()).isEqualTo(ISSUER);
    assertThat(paper.certificate().validUntil()).isEqualTo(validUntil);
    assertThat(CertificatePdfs.text(paper.pdf()))
        .contains("发证机关", ISSUER, "有效期至", "Valid until", validUntil.toString());
    URI scanned = URI.create(CertificatePdfs.qrCode(paper.pdf()));
    forgetLanguage();

    // when the phone scans the QR code and opens the address
    browser.go(scanned.getRawPath() + "?" + scanned.getRawQuery());

    // then the page says in Chinese, without sign-in, that the certificate is valid, with the
    // facts to compare with the paper and the holder's name masked as the check returns it
    browser.find(".verdict-valid");
    assertThat(pageLang()).isEqualTo("zh-CN");
    assertThat(browser.find("#verify-verdict").getText()).isEqualTo("有效：本证书由本市签发");
    assertThat(browser.find("#verify-status").getText()).isEqualTo("有效");
    assertThat(browser.find("#verify-permit").getText()).isEqualTo(PERMIT);
    assertThat(browser.find("#verify-number").getText()).isEqualTo(paper.certificate().number());
    assertThat(browser.find("#verify-holder").getText()).isEqualTo("王*");
    assertThat(browser.find("#verify-issued-on").getAttribute("datetime"))
        .isEqualTo(paper.certificate().decisionDate().toString());
    assertThat(browser.find("#verify-code").getAttribute("value")).isEqualTo(paper.code());
    assertThat(browser.find("#verify-issuer").getText()).isEqualTo(ISSUER);
    assertThat(browser.find("#verify-valid-until").getAttribute("datetime"))
        .isEqualTo(validUntil.toString());
    String shown = browser.find("main").getText();
    assertThat(shown).contains("许可事项", "持证人", "决定日期", "有效期至", "发证机关", paper.code());
    assertThat(shown).doesNotContain(HOLDER, PHONE);
    browser.checkPage("verify-valid-zh");

    // and in English once the reader switches
    browser.click("#lang-switch");
    browser.until(d -> "en".equals(pageLang()));
    assertThat(browser.find("#verify-verdict").getText())
        .isEqualTo("Valid: the city issued this certificate");
    assertThat(browser.find("#verify-facts").getText())
        .contains(
            "Permit",
            PERMIT,
            "Holder",
            "Certificate number",
            "Date of decision",
            paper.certificate().decisionDate().format(ENGLISH_DATE),
            "Valid until",
            validUntil.format(ENGLISH_DATE),
            "Issued by",
            ISSUER);
    browser.checkPage("verify-valid-en");
  }

  @Test
  void aSupervisorRevokesTheCertificateOnTheCaseAndThePageSaysItIsNoLongerValid() throws Exception {
    // given an issued certificate, and an administrator in the clerk workspace
    Paper paper = issue();
    String reference = paper.certificate().reference();
    String reason = "The stall's location was withdrawn by the market operator.";
    browser.signIn("/clerk.html", "admin", "demo-admin");
    browser.find("#filter-queue");

    // when the case is opened by its reference, its certificate shown as valid, and revoked with
    // a reason
    browser.type("#open-case-reference", reference.toLowerCase(Locale.ROOT));
    browser.click("#open-case-form button[type=submit]");
    browser.find("#case-certificate");
    assertThat(browser.find("#certificate-number").getText())
        .isEqualTo(paper.certificate().number());
    assertThat(browser.find("#certificate-status").getAttribute("data-status")).isEqualTo("VALID");
    assertThat(browser.find("#case-certificate").getText()).contains(ISSUER);
    browser.type("#revoke-reason", reason);
    browser.click("#revoke-confirm");
    browser.click("#revoke-certificate");

    // then the case shows the certificate revoked, and its timeline says why
    browser.until(
        d ->
            browser.all("#certificate-status[data-status=REVOKED]").isEmpty()
                ? null
                : Boolean.TRUE);
    assertThat(browser.find("#certificate-revocation-reason").getText()).isEqualTo(reason);
    assertThat(browser.all("#revoke-certificate-form")).isEmpty();
    assertThat(browser.find("#case-timeline").getText())
        .contains("Certificate " + paper.certificate().number() + " revoked: " + reason);
    assertThat(browser.find("#case-timeline .timeline-event").getText())
        .startsWith("admin · ")
        .containsAnyOf("Certificate revoked", "证书已撤销");
    browser.checkPage("clerk-certificate-revoked");

    // and whoever scans the paper now reads, in Chinese, that the city revoked it, when and why
    forgetLanguage();
    browser.go("/verify.html?code=" + paper.code());
    browser.find(".verdict-revoked");
    assertThat(pageLang()).isEqualTo("zh-CN");
    assertThat(browser.find("#verify-verdict").getText()).isEqualTo("无效：本证书已被本市撤销");
    assertThat(browser.find("#verify-status").getText()).isEqualTo("已撤销");
    assertThat(browser.find("#verify-revoked-on").getAttribute("datetime"))
        .isEqualTo(cityToday().toString());
    assertThat(browser.find("#verify-revocation-reason").getText()).isEqualTo(reason);
    assertThat(browser.all(".verdict-valid")).isEmpty();
    browser.checkPage("verify-revoked-zh");

    // and in English
    browser.click("#lang-switch");
    browser.until(d -> "en".equals(pageLang()));
    assertThat(browser.find("#verify-verdict").getText())
        .isEqualTo("Not valid: the city has revoked this certificate");
    assertThat(browser.find("#verify-status").getText()).isEqualTo("Revoked");
    assertThat(browser.find("#verify-facts").getText())
        .contains("Revoked on", cityToday().format(ENGLISH_DATE), "Reason for revocation", reason);
    browser.checkPage("verify-revoked-en");
  }

  @Test
  void aCertificatePastItsLastValidDayIsGenuineButNoLongerValid() throws Exception {
    // given a certificate on the register whose last valid day was yesterday
    String code = VerificationCodes.generate();
    String reference = submitApplication();
    UUID caseId = caseIdOf(reference);
    LocalDate lastDay = cityToday().minusDays(1);
    stack
        .bean(CertificateStore.class)
        .insert(
            new Certificate(
                reference + "-C",
                caseId,
                reference,
                HOLDER,
                PERMIT,
                lastDay.minusMonths(MONTHS_VALID).plusDays(1),
                "certificates/" + caseId + "/expired.pdf",
                Instant.now().minus(Duration.ofDays(800)),
                ISSUER,
                lastDay,
                null),
            VerificationCodes.hash(code));
    forgetLanguage();

    // when its code is checked
    browser.go("/verify.html?code=" + code);

    // then the page says in Chinese that it has expired, with the day it was valid until
    browser.find(".verdict-expired");
    assertThat(browser.find("#verify-verdict").getText()).isEqualTo("已失效：本证书已过有效期");
    assertThat(browser.find("#verify-status").getText()).isEqualTo("已过期");
    assertThat(browser.find("#verify-valid-until").getAttribute("datetime"))
        .isEqualTo(lastDay.toString());
    assertThat(browser.find("#verify-issuer").getText()).isEqualTo(ISSUER);
    assertThat(browser.all(".verdict-valid")).isEmpty();
    browser.checkPage("verify-expired-zh");

    // and in English
    browser.click("#lang-switch");
    browser.until(d -> "en".equals(pageLang()));
    assertThat(browser.find("#verify-verdict").getText())
        .isEqualTo("No longer valid: this certificate has expired");
    assertThat(browser.find(".verdict-expired").getText()).contains(lastDay.format(ENGLISH_DATE));
    browser.checkPage("verify-expired-en");
  }

  @Test
  void aCodeTypedFromThePaperIsCheckedAndACodeNoCertificateHasIsNotValid() throws Exception {
    // given a certificate the city issued, and someone with the check page open in English
    Paper paper = issue();
    forgetLanguage();
    ((JavascriptExecutor) browser.driver())
        .executeScript("localStorage.setItem('cityflow.lang', 'en')");
    browser.go("/verify.html");
    browser.until(d -> "en".equals(pageLang()));

    // when a code no certificate has is typed in, in lower case with spaces as people type
    String unknown = VerificationCodes.generate();
    browser.type("#verify-code", unknown.toLowerCase(Locale.ROOT).replace('-', ' '));
    browser.click("#verify-form button[type=submit]");

    // then the page says it is not valid, naming the code as it was checked
    browser.find(".verdict-invalid");
    assertThat(browser.find("#verify-verdict").getText())
        .isEqualTo("Not valid: no certificate has this code");
    assertThat(browser.find(".verdict-invalid").getText()).contains(unknown);
    assertThat(browser.driver().getCurrentUrl()).endsWith("/verify.html?code=" + unknown);
    browser.checkPage("verify-not-found-en");

    // when a code with a letter no code has (O for 0) is typed
    browser.type("#verify-code", "ABCD-EFGH-JKMN-PQRO");
    browser.click("#verify-form button[type=submit]");

    // then the field says what a code looks like, and nothing is checked
    assertThat(browser.find("#verify-code-error").getText()).contains("16 letters and digits");
    assertThat(browser.find("#verify-code").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.find(".verdict-invalid").getText()).contains(unknown);
    browser.checkPage("verify-code-format-en");

    // when the code on the paper is typed without dashes, in lower case
    browser.type("#verify-code", paper.code().replace("-", "").toLowerCase(Locale.ROOT));
    browser.click("#verify-form button[type=submit]");

    // then the certificate is valid, and the reader is taken to the verdict
    browser.find(".verdict-valid");
    assertThat(browser.find("#verify-number").getText()).isEqualTo(paper.certificate().number());
    assertThat(browser.find("#verify-code").getAttribute("value")).isEqualTo(paper.code());
    assertThat(browser.all("#verify-code-error").get(0).isDisplayed()).isFalse();
    assertThat(
            ((JavascriptExecutor) browser.driver())
                .executeScript("return document.activeElement.id"))
        .isEqualTo("verify-verdict");

    // and an unknown code reads in Chinese too
    browser.type("#verify-code", unknown);
    browser.click("#verify-form button[type=submit]");
    browser.find(".verdict-invalid");
    browser.click("#lang-switch");
    browser.until(d -> "zh-CN".equals(pageLang()));
    assertThat(browser.find("#verify-verdict").getText()).isEqualTo("无效：没有证书使用此核验码");
    browser.checkPage("verify-not-found-zh");
  }

  /** A fresh browser state for this site: no language chosen yet. */
  private void forgetLanguage() {
    browser.go("/verify.html");
    // once the page has stored the language it started in
    browser.until(d -> pageLang() != null);
    ((JavascriptExecutor) browser.driver()).executeScript("localStorage.clear()");
  }

  private String pageLang() {
    return (String)
        ((JavascriptExecutor) browser.driver())
            .executeScript("return document.body.dataset.ready && document.documentElement.lang");
  }

  /**
   * Submits an approval application through the API and issues its certificate as the approval
   * process's worker does; returns the PDF and the code printed on it.
   */
  private Paper issue() throws Exception {
    UUID caseId = caseIdOf(submitApplication());
    Certificate certificate = stack.bean(Certificates.class).issue(caseId, PERMIT);
    byte[] pdf = stack.bean(AttachmentStore.class).get(certificate.documentKey()).orElseThrow();
    String text = CertificatePdfs.text(pdf);
    Matcher code = CODE.matcher(text);
    assertThat(code.find()).as(text).isTrue();
    return new Paper(certificate, pdf, code.group());
  }

  private UUID caseIdOf(String reference) {
    return stack
        .bean(CaseStore.class)
        .findByReference(CaseReference.parse(reference))
        .orElseThrow()
        .id();
  }

  /** Submits an approval application through the API; returns its reference. */
  private String submitApplication() throws Exception {
    Map<String, Object> application =
        Map.of(
            "type", "APPROVAL_APPLICATION",
            "channel", "APP",
            "contact", Map.of("name", HOLDER, "phone", PHONE),
            "subject", "Permit for a street-food stall at the night market",
            "description", "A small stall selling noodles on Friday and Saturday nights.",
            "category", "other",
            "location", Map.of("address", "Gulou Street 8, Xingqing"),
            "formData", Map.of("idNumber", "640104199001011234", "declarationAccepted", true),
            "attachments", List.of(pdf("id-card.pdf"), pdf("application-letter.pdf")));
    return (String) post("/api/cases", application).get("reference");
  }

  /** A small real PDF named like the document it supplies. */
  private static Map<String, Object> pdf(String fileName) {
    String pdf =
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    return Map.of(
        "fileName",
        fileName,
        "contentBase64",
        Base64.getEncoder().encodeToString(pdf.getBytes(StandardCharsets.US_ASCII)));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> post(String path, Object body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stack.apiUrl().toString().replaceAll("/$", "") + path))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .timeout(Duration.ofSeconds(60))
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    stack.bean(JsonMapper.class).writeValueAsBytes(body)))
            .build();
    HttpResponse<String> response =
        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(201);
    return stack.bean(JsonMapper.class).readValue(response.body(), Map.class);
  }
}
