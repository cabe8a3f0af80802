package io.cityflow.local.workflows;

import static io.cityflow.local.workflows.CityFlowStack.await;
import static io.cityflow.local.workflows.CityFlowStack.map;
import static io.cityflow.local.workflows.CityFlowStack.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.local.workflows.CityFlowStack.Receipt;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's "done when" for {@code hotline-ticket}, in the local stack and only through its HTTP
 * API: a ticket routed, handled, rated and reopened; and the limit of two reopenings.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotlineTicketWorkflowIT {
  private static final String WATER_QUEUE = "department=WATER_SUPPLY";
  private static final String HANDLE = "Handle ticket";

  private final PostgresDatabase database;
  private CityFlowStack city;
  private String clerk;

  HotlineTicketWorkflowIT(PostgresDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    city = CityFlowStack.start(database, dataDir);
    clerk = city.signIn("clerk.water", "demo-clerk");
  }

  @AfterAll
  void stop() {
    if (city != null) {
      city.close();
    }
  }

  @Test
  void anUnhappyRatingReopensTheTicketWithTheSameDepartmentAndAHappyOneClosesIt() throws Exception {
    // given a ticket about tap water, routed to the water supply department and handled there
    Receipt ticket = city.submit(ticket("No water on Beijing Road since this morning"));
    Map<String, Object> task = city.awaitTask(clerk, WATER_QUEUE, ticket.reference(), HANDLE);
    assertThat(city.staffCase(clerk, ticket.reference()).get("departments"))
        .isEqualTo(List.of("WATER_SUPPLY"));
    city.claimAndComplete(clerk, task, resolved("The valve on Beijing Road was replaced."));
    Map<String, Object> answered = city.awaitCitizenSees(ticket, "RESOLVED");
    assertThat(answered).containsEntry("canRate", true);

    // when the citizen is unhappy with the answer
    var rated =
        city.post(
            "/api/cases/" + ticket.reference() + "/rating",
            map("score", 1, "comment", "Still no water"),
            CityFlowStack.citizen(ticket));

    // then the ticket is reopened, once, and is back in the same department's queue
    assertThat(rated.status()).isEqualTo(200);
    Map<String, Object> reopened = city.awaitCitizenSees(ticket, "REOPENED");
    assertThat(reopened.get("statusText"))
        .isEqualTo("Your request has been reopened and is being handled again.");
    assertThat(timeline(reopened, "REOPENED")).containsExactly("Rated 1/5: Still no water");
    Map<String, Object> again =
        await(
            "a new \"" + HANDLE + "\" task for " + ticket.reference(),
            () ->
                city.tasksOf(clerk, WATER_QUEUE, ticket.reference()).stream()
                    .filter(t -> HANDLE.equals(t.get("name")))
                    .filter(t -> !t.get("taskKey").equals(task.get("taskKey")))
                    .findFirst()
                    .orElse(null));

    // when the department handles it again and the citizen is satisfied this time
    city.claimAndComplete(clerk, again, resolved("A burst main was repaired; pressure is back."));
    city.awaitCitizenSees(ticket, "RESOLVED");
    var satisfied =
        city.post(
            "/api/cases/" + ticket.reference() + "/rating",
            map("score", 5),
            CityFlowStack.citizen(ticket));

    // then the ticket is closed with the rating, after exactly one reopening, and no task is left
    assertThat(satisfied.status()).isEqualTo(200);
    Map<String, Object> closed = city.awaitCitizenSees(ticket, "CLOSED");
    assertThat(closed)
        .containsEntry("statusText", "Your request is closed.")
        .containsEntry("rating", 5)
        .containsEntry("canRate", false);
    assertThat(timeline(closed, "REOPENED")).hasSize(1);
    assertThat(timeline(closed, "RATED")).containsExactly("Rated 5/5");
    assertThat(timeline(city.staffCase(clerk, ticket.reference()), "TASK_COMPLETED")).hasSize(2);
    assertThat(city.tasksOf(clerk, WATER_QUEUE, ticket.reference())).isEmpty();
  }

  @Test
  void theCitizenReadsTheDepartmentsReplyAndTheTicketClosesAsSatisfied() throws Exception {
    // given a handled ticket, submitted from the portal in English
    Map<String, Object> inEnglish = ticket("Water meter leaks in the stairwell");
    inEnglish.put("language", "en");
    Receipt ticket = city.submit(inEnglish);
    Map<String, Object> task = city.awaitTask(clerk, WATER_QUEUE, ticket.reference(), HANDLE);
    city.claimAndComplete(clerk, task, resolved("The meter seal was replaced today."));

    // then the citizen reads the department's reply on the tracking page
    assertThat(city.awaitCitizenSees(ticket, "RESOLVED"))
        .containsEntry("outcomeReason", "The meter seal was replaced today.");

    // and gets the reply notice in English only (ADR 0023)
    Map<String, Object> notice =
        await(
            "the reply notice in the local mailbox",
            () ->
                city.get("/local/mailbox?limit=500", Map.of()).list().stream()
                    .filter(m -> "TICKET_REPLY".equals(m.get("template")))
                    .filter(m -> ((String) m.get("body")).contains(ticket.reference()))
                    .findFirst()
                    .orElse(null));
    assertThat(notice.get("subject")).isEqualTo("Reply to your request " + ticket.reference());
    assertThat((String) notice.get("body"))
        .startsWith("The department has answered your request " + ticket.reference())
        .contains("The meter seal was replaced today.")
        .doesNotContainPattern("\\p{IsHan}");

    // when the citizen is satisfied, then the process closes the ticket as such
    var rated =
        city.post(
            "/api/cases/" + ticket.reference() + "/rating",
            map("score", 5),
            CityFlowStack.citizen(ticket));
    assertThat(rated.status()).isEqualTo(200);
    await(
        "the process to close " + ticket.reference() + " as satisfied",
        () ->
            "CITIZEN_SATISFIED".equals(city.staffCase(clerk, ticket.reference()).get("outcome"))
                ? true
                : null);
  }

  @Test
  void aThirdUnhappyRatingGoesToTheSupervisorsQueueInsteadOfReopeningAgain() throws Exception {
    // given a ticket the citizen has been unhappy with twice, reopened twice
    Receipt ticket = city.submit(ticket("Brown water from the taps in Xixia"));
    reopenTwice(ticket);

    // when the department answers a third time and the citizen is still unhappy
    handleAndRateUnhappy(ticket, 3);

    // then the ticket does not come back to the department but waits for its supervisors
    String admin = city.signIn("admin", "demo-admin");
    Map<String, Object> escalation =
        city.awaitTask(
            admin,
            "department=WATER_SUPPLY_SUPERVISORS",
            ticket.reference(),
            "Supervise escalated ticket");
    assertThat(escalation.get("candidateGroups")).isEqualTo(List.of("WATER_SUPPLY_SUPERVISORS"));
    assertThat(
            city.tasksOf(clerk, WATER_QUEUE, ticket.reference()).stream()
                .filter(t -> HANDLE.equals(t.get("name"))))
        .isEmpty();
  }

  @Test
  void theWaterSupervisorFindsTheEscalatedTicketInTheTaskList() throws Exception {
    // given a ticket escalated after a third unhappy rating
    Receipt ticket = city.submit(ticket("Rusty water again in Xixia"));
    reopenTwice(ticket);
    handleAndRateUnhappy(ticket, 3);

    // then the water supervisor has it in the task list
    String supervisor = city.signIn("supervisor.water", "demo-supervisor");
    city.awaitTask(
        supervisor, "q=" + ticket.reference(), ticket.reference(), "Supervise escalated ticket");
  }

  private void reopenTwice(Receipt ticket) throws Exception {
    for (int round = 1; round <= 2; round++) {
      handleAndRateUnhappy(ticket, round);
      city.awaitCitizenSees(ticket, "REOPENED");
    }
    assertThat(timeline(city.track(ticket), "REOPENED")).hasSize(2);
  }

  private void handleAndRateUnhappy(Receipt ticket, int round) throws Exception {
    Map<String, Object> task =
        await(
            "round " + round + " of " + HANDLE + " for " + ticket.reference(),
            () ->
                city.tasksOf(clerk, WATER_QUEUE, ticket.reference()).stream()
                    .filter(t -> HANDLE.equals(t.get("name")))
                    .filter(t -> t.get("assignee") == null)
                    .findFirst()
                    .orElse(null));
    city.claimAndComplete(clerk, task, resolved("Answer number " + round + ": flushed the pipes."));
    city.awaitCitizenSees(ticket, "RESOLVED");
    var rated =
        city.post(
            "/api/cases/" + ticket.reference() + "/rating",
            map("score", 2, "comment", "Round " + round + ": not fixed"),
            CityFlowStack.citizen(ticket));
    assertThat(rated.status()).as("rating %d: %s", round, rated.body()).isEqualTo(200);
  }

  private static Map<String, Object> ticket(String subject) {
    return map(
        "type",
        "HOTLINE_TICKET",
        "channel",
        "WEB",
        "contact",
        map("name", "李娜", "phone", "13912345678"),
        "subject",
        subject,
        "description",
        "No water comes out of the kitchen tap since the morning.",
        "category",
        "water",
        "location",
        map("address", "Beijing Road 100, Jinfeng"),
        "formData",
        map("district", "JINFENG_DISTRICT"));
  }

  private static Map<String, Object> resolved(String reply) {
    return map("handlingOutcome", "RESOLVED", "replyText", reply);
  }
}
