package io.cityflow.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Journey 2: an application where the reviewing clerk asks for more documents, the applicant
 * uploads them on the tracking page, and the certificate is issued.
 */
class ApprovalJourneyIT extends InBrowser {
  /** The smallest file the attachment check takes as a PDF (it looks at the content). */
  private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void clerkAsksForMoreDocumentsCitizenUploadsThemAndTheCertificateIsIssued() throws Exception {
    // given: an application with the documents the decision table asks for
    Path idCard = Files.write(dataDir.resolve("id-card.pdf"), PDF);
    Path letter = Files.write(dataDir.resolve("application-letter.pdf"), PDF);
    Path floorPlan = Files.write(dataDir.resolve("floor-plan.pdf"), PDF);
    Citizen citizen = new Citizen(browser);
    browser.go("/");
    browser.click("#service-approval");
    // Documents first: choosing files re-renders the form.
    browser.uploadToFormField(
        "Field_Documents", idCard.toAbsolutePath() + "\n" + letter.toAbsolutePath());
    browser.chooseFormOption("Field_Category", "Something else");
    browser.fillFormField("Field_Subject", "Permit for a street food stall");
    browser.fillFormField("Field_Description", "A food stall at the night market, weekends only.");
    browser.fillFormField("Field_ContactName", "Wang Fang");
    browser.fillFormField("Field_ContactPhone", "13712345678");
    browser.fillFormField("Field_IdNumber", "640104199003071234");
    browser.fillFormField("Field_Address", "Night market, Gulou Street");
    browser.formField("Field_DeclarationAccepted").click();
    Citizen.Receipt receipt = citizen.submit();

    // when: the approval clerk asks for more documents
    Clerk clerk = new Clerk(browser, reference -> WebStack.engineState(stack, reference));
    clerk.signIn("clerk.approval");
    clerk.claimFromList(receipt.reference());
    browser.chooseFormRadio("Field_ReviewDecision", "Ask the applicant for more documents");
    browser.fillFormField("Field_ReviewReason", "Please add a floor plan of the stall.");
    browser.checkPage("journey2-clerk-review");
    clerk.complete();

    // and: the applicant answers with the document on the tracking page
    citizen.awaitStatus(receipt, "WAITING_FOR_CITIZEN");
    assertThat(browser.find("#information-form").getText()).contains("floor plan");
    browser.checkPage("journey2-citizen-documents-requested");
    browser.type("#info-text", "Here is the floor plan.");
    browser.find("#info-files").sendKeys(floorPlan.toAbsolutePath().toString());
    browser.click("#information-form button[type=submit]");
    browser.until(d -> !"WAITING_FOR_CITIZEN".equals(citizen.status()));
    assertThat(citizen.timeline().getText()).contains("floor-plan.pdf");

    // and: the clerk approves the completed application
    clerk.signIn("clerk.approval");
    clerk.claimFromList(receipt.reference());
    browser.chooseFormRadio("Field_ReviewDecision", "Approve");
    browser.fillFormField("Field_ReviewReason", "All documents are in order.");
    clerk.complete();

    // then: the certificate is issued and the case is closed as approved
    citizen.awaitStatus(receipt, "CLOSED");
    assertThat(browser.find("#case-outcome").getText()).contains("APPROVED");
    browser.checkPage("journey2-citizen-approved");
  }
}
