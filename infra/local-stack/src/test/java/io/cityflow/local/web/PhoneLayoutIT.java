package io.cityflow.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.certificate.Certificate;
import io.cityflow.cases.certificate.CertificateStore;
import io.cityflow.cases.certificate.Revocation;
import io.cityflow.cases.certificate.VerificationCodes;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every page on a small phone (360×740 CSS pixels), in Simplified Chinese and in English: nothing
 * makes the page wider than the screen (a wide table scrolls inside its own box), no button's text
 * is squeezed to more than two lines (the owner page's model list once stacked its Chinese buttons
 * one character per line), the primary buttons are tall enough to tap, and axe finds nothing
 * serious. Screenshots at this width are saved under {@code target/screenshots/phone360-*}.
 */
class PhoneLayoutIT extends InBrowser {
  private static final int WIDTH = 360;
  private static final int HEIGHT = 740;
  private static final List<String> LANGUAGES = List.of("zh-CN", "en");

  /**
   * What the pages a test looked at got wrong, page by page (all are shown, not only the first).
   */
  private final List<String> problems = new ArrayList<>();

  private String chosenLang;

  /**
   * What is wrong with the layout as it is now, one line each: the page's overflow (with the
   * elements that stick out), buttons whose text takes more than two lines, primary buttons under
   * 44px. Text inside a visually hidden span (for screen readers) is not laid out for the eye and
   * is left out.
   */
  private static final String LAYOUT_PROBLEMS =
      """
      const problems = [];
      const width = %d;
      const doc = document.documentElement;
      if (window.innerWidth !== width) {
        problems.push('the phone zoomed the page out to ' + window.innerWidth + 'px to fit it');
      }
      if (doc.scrollWidth > width) {
        const wide = [...document.querySelectorAll('body *')]
          .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > width + 1)
          .filter(e => e.parentElement.getBoundingClientRect().right <= width + 1)
          .slice(0, 5)
          .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
            + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
            + ' right=' + Math.round(e.getBoundingClientRect().right));
        problems.push('page ' + doc.scrollWidth + 'px wide on a ' + width + 'px screen: ' + wide.join(', '));
      }
      const visible = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
      const label = e => (e.id ? '#' + e.id + ' ' : '') + JSON.stringify(e.textContent.trim().slice(0, 40));
      for (const b of document.querySelectorAll('main button, main .button, header button')) {
        if (!visible(b)) continue;
        const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
        const tops = new Set();
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.textContent.trim() || n.parentElement.closest('.visually-hidden')) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
        }
        if (tops.size > 2) problems.push('button ' + label(b) + ' laid out on ' + tops.size + ' lines');
      }
      for (const b of document.querySelectorAll('main .primary')) {
        if (visible(b) && b.getBoundingClientRect().height < 43.5) {
          problems.push('primary button ' + label(b) + ' only ' + Math.round(b.getBoundingClientRect().height) + 'px tall');
        }
      }
      return problems;
      """
          .formatted(WIDTH);

  @Test
  void citizenPortalFitsAPhoneInBothLanguages() throws Exception {
    // given a case the citizen submitted, to track
    Citizen.Receipt receipt = submitReport();

    for (String lang : LANGUAGES) {
      // when the start page, the report form and the tracking page are opened on a phone
      onPhoneIn(lang);
      browser.go("/");
      browser.find("#service-hotline");
      checkOnPhone("citizen-services-" + lang);

      browser.go("/#/new/hotline");
      browser.formField("Field_Subject");
      checkOnPhone("citizen-hotline-form-" + lang);

      new Citizen(browser).track(receipt);
      browser.find("#case-timeline");
      checkOnPhone("citizen-track-" + lang);
    }

    // then none of them is wider than the phone or squeezes a button's text
    assertEveryPageFitted();
  }

  @Test
  void certificateCheckFitsAPhoneInBothLanguages() throws Exception {
    // given a valid certificate and a revoked one
    String valid = certificateOn(submitReport().reference(), null);
    String revoked =
        certificateOn(
            submitReport().reference(),
            new Revocation(
                Instant.now(),
                "admin",
                "The stall's location was withdrawn by the market operator."));

    for (String lang : LANGUAGES) {
      // when each is checked on a phone, the page fits it
      onPhoneIn(lang);
      browser.go("/verify.html?code=" + valid);
      browser.find(".verdict-valid");
      checkOnPhone("verify-valid-" + lang);

      browser.go("/verify.html?code=" + revoked);
      browser.find(".verdict-revoked");
      checkOnPhone("verify-revoked-" + lang);
    }

    // then neither verdict is wider than the phone
    assertEveryPageFitted();
  }

  @Test
  void staffPagesFitAPhoneInBothLanguages() throws Exception {
    // given a case waiting in the water clerks' queue
    Citizen.Receipt receipt = submitReport();
    Clerk clerk = new Clerk(browser, reference -> WebStack.engineState(stack, reference));

    for (String lang : LANGUAGES) {
      onPhoneIn(lang);
      // when the clerk's queue and the case are opened on a phone
      clerk.signIn("clerk.water");
      clerk.awaitTaskOf(receipt.reference());
      checkOnPhone("clerk-queue-" + lang);
      browser.type("#open-case-reference", receipt.reference());
      browser.click("#open-case-form button[type=submit]");
      browser.find("#case-timeline");
      checkOnPhone("clerk-case-" + lang);

      // and the supervisor's dashboard
      onPhoneIn(lang);
      browser.signIn("/supervisor.html", "supervisor.water", "demo-supervisor");
      browser.find("#trend-table");
      checkOnPhone("supervisor-dashboard-" + lang);

      // and the process owner's console, whose model list has a column of buttons
      onPhoneIn(lang);
      browser.signIn("/owner.html", "owner", "demo-owner");
      browser.find("#model-table tr[data-model='hotline-ticket']");
      browser.find("#diagram .djs-container");
      assertThat(browser.all("#model-table button")).isNotEmpty();
      checkOnPhone("owner-console-" + lang);
    }

    // then the tables scroll in their own boxes and every button reads in one or two lines
    assertEveryPageFitted();
  }

  /** The layout findings of every page the test looked at, all at once. */
  private void assertEveryPageFitted() {
    assertThat(problems).as("layout at " + WIDTH + "px").isEmpty();
  }

  /** Lays the pages out on a 360px phone from now on, in the given language. */
  private void onPhoneIn(String lang) {
    chosenLang = lang;
    browser.go("/");
    browser.find("#service-hotline");
    ((JavascriptExecutor) browser.driver())
        .executeScript("localStorage.setItem('cityflow.lang', arguments[0])", lang);
    ((ChromeDriver) browser.driver())
        .executeCdpCommand(
            "Emulation.setDeviceMetricsOverride",
            Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", true));
  }

  /**
   * Looks at the page as it is now, on the phone, once it is in the chosen language: whether it
   * overflows, whether a button's text takes more than two lines, whether a primary button is too
   * short to tap (noted, see {@link #assertEveryPageFitted}); then axe, which must pass.
   */
  @SuppressWarnings("unchecked")
  private void checkOnPhone(String name) throws IOException {
    JavascriptExecutor js = (JavascriptExecutor) browser.driver();
    browser.until(d -> chosenLang.equals(js.executeScript("return document.documentElement.lang")));
    browser.screenshot("phone360-" + name);
    ((List<String>) js.executeScript(LAYOUT_PROBLEMS))
        .forEach(problem -> problems.add(name + ": " + problem));
    browser.checkPage("phone360-" + name);
    ((ChromeDriver) browser.driver())
        .executeCdpCommand(
            "Emulation.setDeviceMetricsOverride",
            Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", true));
  }

  /** A water report submitted on the portal in English, as {@link HotlineJourneyIT} does. */
  private Citizen.Receipt submitReport() {
    ((ChromeDriver) browser.driver())
        .executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    browser.go("/");
    browser.find("#service-hotline");
    ((JavascriptExecutor) browser.driver())
        .executeScript("localStorage.setItem('cityflow.lang', 'en')");
    browser.driver().navigate().refresh();
    browser.click("#service-hotline");
    browser.chooseFormOption("Field_Category", "Tap water");
    browser.fillFormField("Field_Subject", "No water since this morning");
    browser.fillFormField(
        "Field_Description", "The whole building has had no tap water since 7:00.");
    browser.chooseFormOption("Field_District", "Xingqing District");
    browser.fillFormField("Field_Address", "12 Liqun Street");
    browser.fillFormField("Field_ContactName", "Li Na");
    browser.fillFormField("Field_ContactPhone", "13912345678");
    return new Citizen(browser).submit();
  }

  /** Puts a certificate on the case's record (long Chinese texts); returns its check code. */
  private String certificateOn(String reference, Revocation revocation) {
    String code = VerificationCodes.generate();
    UUID caseId =
        stack
            .bean(CaseStore.class)
            .findByReference(CaseReference.parse(reference))
            .orElseThrow()
            .id();
    stack
        .bean(CertificateStore.class)
        .insert(
            new Certificate(
                reference + "-C",
                caseId,
                reference,
                "欧阳明珠",
                "食品经营许可证（小餐饮、夜市摊点临时经营）",
                LocalDate.now(),
                "certificates/" + caseId + "/phone.pdf",
                Instant.now(),
                "银川市行政审批服务局",
                LocalDate.now().plusYears(2),
                revocation),
            VerificationCodes.hash(code));
    return code;
  }
}
