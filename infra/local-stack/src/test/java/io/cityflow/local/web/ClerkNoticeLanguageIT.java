package io.cityflow.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.NoticeLanguage;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * The clerk workspace shows the language the citizen gets notices in and changes it (ADR 0023,
 * addendum): a citizen whose case came without a language phones and asks for English.
 */
class ClerkNoticeLanguageIT extends InBrowser {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theClerkSeesThatTheLanguageIsUnknownAndSetsEnglish() throws Exception {
    // given a water ticket without a notice language, and the water clerk's workspace in English
    String reference = submitWithoutLanguage();
    browser.go("/clerk.html");
    ((JavascriptExecutor) browser.driver())
        .executeScript("localStorage.setItem('cityflow.lang', 'en')");
    browser.signIn("/clerk.html", "clerk.water", "demo-clerk");
    browser.find("#filter-queue");

    // when the case is opened by its reference
    browser.type("#open-case-reference", reference);
    browser.click("#open-case-form button[type=submit]");

    // then its details say that notices go out in both languages, as nobody knows which one
    assertThat(browser.find("#case-language").getText()).isEqualTo("both languages (not known)");
    assertThat(browser.find("#case-details").getText())
        .contains("Notices in\nboth languages (not known)");
    browser.checkPage("clerk-notice-language-unknown");

    // when the clerk chooses English next to it
    new Select(browser.find("#language-choice")).selectByValue("en");
    browser.click("#change-language");

    // then the case shows English, the timeline says who set it, and later notices will use it
    browser.find("#case-language[data-language=en]");
    assertThat(browser.find("#case-language").getText()).isEqualTo("English");
    assertThat(browser.find("#flash").getText())
        .isEqualTo("Notices about " + reference + " now go out in English.");
    assertThat(browser.find("#case-timeline li").getText())
        .contains("clerk.water · Notice language changed")
        .contains("Notice language set to English (was both languages)");
    assertThat(storedLanguage(reference)).isEqualTo(NoticeLanguage.ENGLISH);
    assertThat(new Select(browser.find("#language-choice")).getFirstSelectedOption().getText())
        .isEqualTo("English");
    browser.checkPage("clerk-notice-language-english");

    // when a value the server does not take is sent (as from a stale or altered page)
    ((JavascriptExecutor) browser.driver())
        .executeScript(
            "const option = document.querySelector('#language-choice option[value=\"zh-CN\"]');"
                + " option.value = 'fr'; option.selected = true;");
    browser.click("#change-language");

    // then the server's problem is shown next to the control, and nothing changed
    assertThat(browser.find("#language-error").getText()).contains("language: must be");
    assertThat(browser.find("#case-language").getText()).isEqualTo("English");
    assertThat(storedLanguage(reference)).isEqualTo(NoticeLanguage.ENGLISH);
    browser.checkPage("clerk-notice-language-refused");

    // and in Chinese the case page names the language the same way
    browser.click("#lang-switch");
    browser.until(d -> "zh-CN".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    browser.until(d -> browser.find("#case-details").getText().contains("通知语言"));
    assertThat(browser.find("#case-language").getText()).isEqualTo("English");
    browser.checkPage("clerk-notice-language-zh");
    browser.click("#lang-switch");
    browser.until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
  }

  @Test
  void onTheTaskPageTheChangeKeepsWhatTheClerkTypedInTheTaskForm() throws Exception {
    // given the water clerk working on the ticket's task, with a reply typed but not sent
    String reference = submitWithoutLanguage();
    browser.go("/clerk.html");
    ((JavascriptExecutor) browser.driver())
        .executeScript("localStorage.setItem('cityflow.lang', 'en')");
    Clerk clerk = new Clerk(browser, r -> WebStack.engineState(stack, r));
    clerk.signIn("clerk.water");
    clerk.claimFromList(reference);
    browser.chooseFormRadio("Field_HandlingOutcome", "Handled: reply to the citizen");
    browser.fillFormField("Field_ReplyText", "The pressure valve was replaced.");

    // when the citizen calls meanwhile and the clerk sets Chinese
    new Select(browser.find("#language-choice")).selectByValue("zh-CN");
    browser.click("#change-language");

    // then the case shows Chinese and the reply is still there to send
    browser.find("#case-language[data-language='zh-CN']");
    assertThat(browser.find("#case-language").getText()).isEqualTo("中文");
    assertThat(browser.formField("Field_ReplyText").getAttribute("value"))
        .isEqualTo("The pressure valve was replaced.");
    assertThat(storedLanguage(reference)).isEqualTo(NoticeLanguage.CHINESE);
    browser.checkPage("clerk-task-notice-language");
  }

  private NoticeLanguage storedLanguage(String reference) {
    return stack
        .bean(CaseStore.class)
        .findByReference(CaseReference.parse(reference))
        .orElseThrow()
        .language();
  }

  /** A water ticket as a partner sends it: no notice language. Returns its reference. */
  @SuppressWarnings("unchecked")
  private String submitWithoutLanguage() throws Exception {
    Map<String, Object> ticket =
        Map.of(
            "type", "HOTLINE_TICKET",
            "channel", "PHONE",
            "contact", Map.of("name", "Emma Li", "phone", "13912340000"),
            "subject", "Low water pressure on the fourth floor",
            "description", "Since Monday the pressure drops every evening.",
            "category", "water",
            "location", Map.of("address", "Beijing Road 100, Jinfeng"),
            "formData", Map.of("district", "JINFENG_DISTRICT"));
    JsonMapper json = stack.bean(JsonMapper.class);
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(stack.apiUrl().toString().replaceAll("/$", "") + "/api/cases"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(ticket)))
            .build();
    HttpResponse<String> response =
        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return (String) json.readValue(response.body(), Map.class).get("reference");
  }
}
