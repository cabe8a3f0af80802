package io.cityflow.local.web;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** What a citizen does on the portal, step by step, in the browser. */
final class Citizen {
  private final Browser browser;

  Citizen(Browser browser) {
    this.browser = browser;
  }

  /** The reference and tracking code the portal showed after submitting. */
  record Receipt(String reference, String trackingCode) {}

  Receipt submit() {
    browser.click("#submit-case");
    // Either the receipt, or the page's message saying what was not accepted (read in one go in
    // the page, which re-renders while it is read).
    String outcome =
        browser.until(
            d ->
                (String)
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "if (document.getElementById('receipt-reference')) return 'receipt';"
                                + " const a = [...document.querySelectorAll('main [role=alert]')]"
                                + ".find(e => !e.hidden && e.textContent);"
                                + " return a ? a.textContent : null;"),
            Duration.ofMinutes(1));
    if (!"receipt".equals(outcome)) {
      browser.screenshot("failed-submit");
      throw new AssertionError("the portal did not accept the case: " + outcome);
    }
    String reference = browser.find("#receipt-reference").getText();
    String trackingCode = browser.find("#receipt-tracking-code").getText();
    return new Receipt(reference, trackingCode);
  }

  /** Opens the tracking page with the reference and code typed in, as a returning citizen does. */
  void track(Receipt receipt) {
    browser.go("/#/track");
    browser.type("#track-reference", receipt.reference());
    browser.type("#track-code", receipt.trackingCode());
    browser.click("#track-form button[type=submit]");
    browser.find("#case-status");
  }

  /** Reloads the tracking page until the case has {@code status}. */
  void awaitStatus(Receipt receipt, String status) {
    browser.until(
        d -> {
          track(receipt);
          return status.equals(d.findElement(By.id("case-status")).getAttribute("data-status"));
        },
        Duration.ofMinutes(3),
        Duration.ofSeconds(2));
  }

  /** The status code the tracking page shows now (read in one go: the page re-renders). */
  String status() {
    return (String)
        ((JavascriptExecutor) browser.driver())
            .executeScript(
                "const s = document.getElementById('case-status'); return s && s.dataset.status;");
  }

  WebElement timeline() {
    return browser.find("#case-timeline");
  }
}
