package io.cityflow.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Journey 3: a clerk of another department neither sees a ticket in the task list nor can open its
 * task, while a clerk of the routed department can.
 */
class OtherDepartmentJourneyIT extends InBrowser {

  @Test
  void clerkOfAnotherDepartmentCannotSeeOrOpenTheTask() throws Exception {
    // given: a water complaint, routed to the water supply company
    Citizen citizen = new Citizen(browser);
    browser.go("/");
    browser.click("#service-hotline");
    browser.chooseFormOption("Field_Category", "Tap water");
    browser.fillFormField("Field_Subject", "Brown water from the tap");
    browser.fillFormField(
        "Field_Description", "Since yesterday the tap water is brown and smells.");
    browser.chooseFormOption("Field_District", "Jinfeng District");
    browser.fillFormField("Field_Address", "8 Beijing Middle Road");
    browser.fillFormField("Field_ContactName", "Zhang Wei");
    browser.fillFormField("Field_ContactPhone", "13800001111");
    Citizen.Receipt receipt = citizen.submit();
    Clerk clerk = new Clerk(browser, reference -> WebStack.engineState(stack, reference));
    clerk.signIn("clerk.water");
    String taskKey = clerk.awaitTaskOf(receipt.reference()).getAttribute("data-task");

    // when: a traffic police clerk looks at the queue and opens the task's address directly
    clerk.signIn("clerk.traffic");
    var listed = clerk.listedReferences();
    browser.go("/clerk.html#/task/" + taskKey);

    // then: the ticket is not listed, and the task page says it is not available
    assertThat(listed).doesNotContain(receipt.reference());
    assertThat(browser.find("#app h1").getText()).isEqualTo("This task is not available");
    assertThat(browser.find("#app [role=alert]").getText()).contains("Nothing was found");
    assertThat(browser.all("#task-form")).isEmpty();
    browser.checkPage("journey3-other-department");
  }
}
