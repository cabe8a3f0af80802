package io.cityflow.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.NoticeLanguage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Journey 1: a citizen reports a water problem with a photo; a clerk of the routed department finds
 * the ticket, claims it and replies; the citizen rates the reply and the case closes.
 */
class HotlineJourneyIT extends InBrowser {
  /** A 1×1 PNG: the portal takes photos as PNG, JPEG or PDF, recognised by their content. */
  static final byte[] PHOTO =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

  @Test
  void citizenReportsWithPhotoClerkRepliesCitizenRatesAndTheCaseCloses() throws Exception {
    // given: a citizen fills the hotline start form with a photo
    Path photo = Files.write(dataDir.resolve("burst-pipe.png"), PHOTO);
    Citizen citizen = new Citizen(browser);
    browser.go("/");
    browser.click("#service-hotline");
    browser.chooseFormOption("Field_Category", "Tap water");
    browser.fillFormField("Field_Subject", "No water since this morning");
    browser.fillFormField(
        "Field_Description", "The whole building has had no tap water since 7:00.");
    browser.chooseFormOption("Field_District", "Xingqing District");
    browser.fillFormField("Field_Address", "12 Liqun Street");
    browser.fillFormField("Field_ContactName", "Li Na");
    browser.fillFormField("Field_ContactPhone", "13912345678");
    browser.find("#photos").sendKeys(photo.toAbsolutePath().toString());

    // when: it is sent
    Citizen.Receipt receipt = citizen.submit();
    browser.checkPage("journey1-receipt");
    // (the page is in English, so the city's notices about the case will be: ADR 0023)
    assertThat(
            stack
                .bean(CaseStore.class)
                .findByReference(CaseReference.parse(receipt.reference()))
                .orElseThrow()
                .language())
        .isEqualTo(NoticeLanguage.ENGLISH);

    // then: the water supply clerk finds it, claims it and replies
    Clerk clerk = new Clerk(browser, reference -> WebStack.engineState(stack, reference));
    clerk.signIn("clerk.water");
    clerk.awaitTaskOf(receipt.reference());
    browser.checkPage("journey1-clerk-queue");
    clerk.claimFromList(receipt.reference());
    assertThat(browser.find("#case-details").getText()).contains("No water since this morning");
    assertThat(browser.find("#case-timeline").getText()).contains("burst-pipe.png");
    browser.chooseFormRadio("Field_HandlingOutcome", "Handled: reply to the citizen");
    browser.fillFormField(
        "Field_ReplyText", "The main valve was repaired; water is back since 14:00.");
    browser.checkPage("journey1-clerk-task");
    clerk.complete();

    // and: the citizen sees the reply, rates it, and the case closes
    citizen.awaitStatus(receipt, "RESOLVED");
    browser.checkPage("journey1-citizen-resolved");
    browser.click("#score-5");
    browser.type("#rating-comment", "Quick and friendly.");
    browser.click("#rating-form button[type=submit]");
    browser.until(d -> "CLOSED".equals(citizen.status()));
    assertThat(citizen.timeline().getText()).contains("Rated 5/5");
    browser.checkPage("journey1-citizen-closed");
  }
}
