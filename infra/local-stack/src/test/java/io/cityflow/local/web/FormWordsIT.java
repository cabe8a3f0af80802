package io.cityflow.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The words form-js writes itself (not the form files' labels) follow the page's language: the
 * select's placeholder in Simplified Chinese, and still the chosen option once one is picked.
 */
class FormWordsIT extends InBrowser {

  @Test
  void theSelectPlaceholderIsInChineseAndGivesWayToTheChosenOption() {
    // given the hotline's start form in Simplified Chinese
    browser.go("/#/new/hotline");
    browser.formField("Field_Subject");
    if (!"zh-CN".equals(browser.find("html").getAttribute("lang"))) {
      browser.click("#lang-switch");
      browser.until(d -> "zh-CN".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    }
    browser.formField("Field_Subject");

    // then the empty selects ask in Chinese
    browser.until(d -> "请选择".equals(display(d, "Field_Category")));
    assertThat(browser.find("[id$='-Field_District-display']").getText()).isEqualTo("请选择");

    // when an option is chosen, its label replaces the placeholder
    browser.chooseFormOption("Field_Category", "自来水");
    browser.until(d -> "自来水".equals(display(d, "Field_Category")));

    // and switching back to English shows form-js's own word again on the other select
    browser.click("#lang-switch");
    browser.until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    browser.until(d -> "Select".equals(display(d, "Field_District")));
  }

  private static String display(org.openqa.selenium.WebDriver driver, String componentId) {
    return driver
        .findElement(By.cssSelector("[id$='-" + componentId + "-display']"))
        .getText()
        .trim();
  }
}
