package io.cityflow.local.web;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;

/** What a clerk does in the workspace, in the browser. */
final class Clerk {
  private final Browser browser;
  private final Function<String, String> engineState;

  /**
   * @param engineState describes the engine when a task does not come, so that a failure says where
   *     the process stopped
   */
  Clerk(Browser browser, Function<String, String> engineState) {
    this.browser = browser;
    this.engineState = engineState;
  }

  void signIn(String username) {
    browser.signIn("/clerk.html", username, "demo-clerk");
    browser.find("#filter-queue");
  }

  /**
   * Reloads the queue until a task of the case is listed (the engine creates it asynchronously).
   */
  WebElement awaitTaskOf(String reference) {
    try {
      return browser.until(
          d -> {
            d.findElement(By.id("filter-queue")).click();
            List<WebElement> rows =
                d.findElements(By.cssSelector("tr[data-reference='" + reference + "']"));
            return rows.isEmpty() ? null : rows.get(0);
          },
          Duration.ofMinutes(3),
          Duration.ofSeconds(2));
    } catch (TimeoutException e) {
      browser.screenshot("failed-queue-" + reference);
      throw new AssertionError(
          "no task of "
              + reference
              + " in the queue within 3 minutes; "
              + engineState.apply(reference),
          e);
    }
  }

  /** The queue as it is now: the references of the listed tasks. */
  List<String> listedReferences() {
    browser.click("#filter-queue");
    browser.until(
        d ->
            !d.findElements(By.id("task-table")).isEmpty()
                || !d.findElements(By.id("no-tasks")).isEmpty());
    return browser.all("#task-table tbody tr").stream()
        .map(r -> r.getAttribute("data-reference"))
        .toList();
  }

  /** Claims the case's task from the list; the workspace opens the task. */
  void claimFromList(String reference) {
    WebElement row = awaitTaskOf(reference);
    row.findElement(By.cssSelector("button[data-claim]")).click();
    browser.find("#complete-task");
  }

  void complete() {
    browser.click("#complete-task");
    browser.find("#filter-queue");
  }
}
