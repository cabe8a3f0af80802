package io.cityflow.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Every page renders in Chromium with no serious or critical axe finding, at phone and desktop
 * widths (screenshots in target/screenshots), in both languages, and works from the keyboard.
 */
class WebPagesIT extends InBrowser {

  @Test
  void citizenPagesRenderTheStartFormsAndPassAxeInBothLanguages() throws Exception {
    // when: the portal's home page
    browser.go("/");
    browser.find("#service-hotline");
    browser.checkPage("citizen-services");

    // then: each service renders its start form from forms/ with form-js
    browser.click("#service-hotline");
    assertThat(browser.formField("Field_Subject").getAttribute("id")).endsWith("-Field_Subject");
    assertThat(browser.find("label[for='photos']").getText())
        .isEqualTo("Photos or documents (optional)");
    browser.checkPage("citizen-hotline-form");

    browser.go("/#/new/approval");
    browser.formField("Field_IdNumber");
    browser.checkPage("citizen-approval-form");

    browser.go("/#/track");
    browser.find("#track-form");
    browser.checkPage("citizen-track");

    // and: switching to Simplified Chinese translates the page and the form's labels
    browser.go("/#/new/hotline");
    browser.formField("Field_Subject");
    browser.click("#lang-switch");
    browser.until(d -> "zh-CN".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    browser.until(
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "反映问题"));
    assertThat(browser.driver().getPageSource()).contains("简要说明").contains("是关于什么的？");
    browser.checkPage("citizen-hotline-form-zh");
    browser.click("#lang-switch");
    browser.until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
  }

  @Test
  void staffPagesSignInAndPassAxe() throws Exception {
    // given: the sign-in form, reached and filled with the keyboard alone
    browser.go("/clerk.html");
    browser.driver().manage().deleteAllCookies();
    browser.find("#username");
    browser.checkPage("clerk-sign-in");
    browser.find("#username").sendKeys("clerk.water", Keys.TAB, "demo-clerk", Keys.ENTER);

    // then: the task list with its filters
    browser.find("#filter-queue");
    assertThat(browser.find("#filter-queue").getAttribute("aria-pressed")).isEqualTo("true");
    browser.click("#filter-overdue");
    browser.until(
        d -> "true".equals(d.findElement(By.id("filter-overdue")).getAttribute("aria-pressed")));
    browser.checkPage("clerk-tasks");

    // and: the supervisor dashboard with its chart and figures
    browser.signIn("/supervisor.html", "supervisor.water", "demo-supervisor");
    browser.find("#department-chart");
    browser.find("#trend-table");
    assertThat(browser.all("#trend-table tbody tr")).hasSize(8);
    browser.checkPage("supervisor-dashboard");

    // and: the process-owner console with the deployed models, a diagram and a decision table
    browser.signIn("/owner.html", "owner", "demo-owner");
    browser.find("#model-table tr[data-model='hotline-ticket']");
    browser.find("#diagram .djs-container");
    browser.find("#decision .tjs-table");
    browser.checkPage("owner-console");
  }
}
