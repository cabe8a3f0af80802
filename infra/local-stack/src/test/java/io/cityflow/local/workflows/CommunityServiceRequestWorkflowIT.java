package io.cityflow.local.workflows;

import static io.cityflow.local.workflows.CityFlowStack.await;
import static io.cityflow.local.workflows.CityFlowStack.citizen;
import static io.cityflow.local.workflows.CityFlowStack.map;
import static io.cityflow.local.workflows.CityFlowStack.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.local.workflows.CityFlowStack.Receipt;
import io.cityflow.local.workflows.CityFlowStack.Reply;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's "done when" for {@code community-service-request}, in the local stack and only through
 * its HTTP API: a resident's request goes to the service station of the community, the station
 * assigns a worker, the worker records the visit, and the resident confirms and rates it (or stays
 * silent, and the request closes by itself after three days of engine time).
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommunityServiceRequestWorkflowIT {
  /** The routing table sends community XQ_LIQUN to its own station. */
  private static final String STATION_QUEUE = "department=XQ_LIQUN_STATION";

  private final PostgresDatabase database;
  private CityFlowStack city;

  /** No demo user works at a station; the admin works any queue. */
  private String stationStaff;

  CommunityServiceRequestWorkflowIT(PostgresDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    city = CityFlowStack.start(database, dataDir);
    stationStaff = city.signIn("admin", "demo-admin");
  }

  @AfterAll
  void stop() {
    if (city != null) {
      city.close();
    }
  }

  @Test
  void theCommunitysStationAssignsAWorkerWhoVisitsAndTheResidentConfirmsAndRates()
      throws Exception {
    // given a resident of Liqun community asks for a repair at home
    Receipt request = city.submit(request("The kitchen tap drips all night"));

    // then the request waits at the Liqun service station, not at the general community desk
    Map<String, Object> assign =
        city.awaitTask(stationStaff, STATION_QUEUE, request.reference(), "Assign service worker");
    assertThat(assign.get("candidateGroups")).isEqualTo(List.of("XQ_LIQUN_STATION"));
    String generalDesk = city.signIn("clerk.community", "demo-clerk");
    assertThat(city.tasksOf(generalDesk, "q=" + request.reference(), request.reference()))
        .isEmpty();
    assertThat(city.track(request).get("status")).isEqualTo("ROUTED");

    // when the station assigns a worker and the worker records a finished visit
    resolveByVisit(request, assign);

    // then the resident is asked to confirm, confirms with a rating, and the request closes
    Map<String, Object> done = city.awaitCitizenSees(request, "RESOLVED");
    assertThat(done).containsEntry("canRate", true);
    Reply rated =
        city.post(
            "/api/cases/" + request.reference() + "/rating",
            map("score", 4, "comment", "Quick and friendly"),
            citizen(request));
    assertThat(rated.status()).as("%s", rated.body()).isEqualTo(200);
    Map<String, Object> closed = city.awaitCitizenSees(request, "CLOSED");
    assertThat(closed).containsEntry("rating", 4);
    assertThat(timeline(closed, "RATED")).containsExactly("Rated 4/5: Quick and friendly");
    assertThat(city.tasksOf(stationStaff, STATION_QUEUE, request.reference())).isEmpty();
  }

  @Test
  void theResidentReadsWhatTheWorkerDidAndTheRequestClosesAsConfirmedByTheResident()
      throws Exception {
    // given a visit recorded as done
    Receipt request = city.submit(request("The balcony door does not close"));
    Map<String, Object> assign =
        city.awaitTask(stationStaff, STATION_QUEUE, request.reference(), "Assign service worker");
    resolveByVisit(request, assign);

    // then the resident reads the worker's summary
    assertThat(city.awaitCitizenSees(request, "RESOLVED"))
        .containsEntry("outcomeReason", "Replaced the tap washer; no more dripping.");

    // when the resident confirms, then the process closes the request as confirmed by them
    assertThat(
            city.post(
                    "/api/cases/" + request.reference() + "/rating",
                    map("score", 5),
                    citizen(request))
                .status())
        .isEqualTo(200);
    await(
        "the process to close " + request.reference() + " as confirmed by the resident",
        () ->
            "CONFIRMED_BY_RESIDENT"
                    .equals(city.staffCase(stationStaff, request.reference()).get("outcome"))
                ? true
                : null);
  }

  @Test
  void aResidentWhoStaysSilentForThreeDaysHasTheRequestClosedAsConfirmed() throws Exception {
    // given a visit that is recorded as done
    Receipt request = city.submit(request("The hallway light is broken"));
    Map<String, Object> assign =
        city.awaitTask(stationStaff, STATION_QUEUE, request.reference(), "Assign service worker");
    resolveByVisit(request, assign);
    city.awaitCitizenSees(request, "RESOLVED");

    await(
        "the request to confirm in the local mailbox",
        () ->
            city.get("/local/mailbox?limit=500", Map.of()).list().stream()
                .filter(m -> "CONFIRM_SERVICE".equals(m.get("template")))
                .filter(m -> ((String) m.get("body")).contains(request.reference()))
                .findFirst()
                .orElse(null));

    try {
      // when three days pass on the engine's clock without an answer from the resident
      // (moved on in steps: the wait may have begun a moment after the first step)
      Instant[] engineNow = {Instant.now()};
      Map<String, Object> closed =
          await(
              request.reference() + " to close after three silent days",
              () -> {
                engineNow[0] = engineNow[0].plus(Duration.ofDays(3)).plus(Duration.ofHours(1));
                city.setEngineClock(engineNow[0]);
                Thread.sleep(2000);
                Map<String, Object> view = city.track(request);
                return "CLOSED".equals(view.get("status")) ? view : null;
              });

      // then the request closes by itself, as confirmed by the timeout
      assertThat(closed).containsEntry("outcome", "CONFIRMED_BY_TIMEOUT");
      assertThat(closed.get("rating")).isNull();
    } finally {
      city.resetEngineClock();
    }
  }

  private void resolveByVisit(Receipt request, Map<String, Object> assign) throws Exception {
    city.claimAndComplete(
        stationStaff,
        assign,
        map(
            "assignedWorker", "admin",
            "visitPlannedFor", "2026-12-01T09:00:00+08:00",
            "assignmentNote", "Bring washers"));
    Map<String, Object> visit =
        city.awaitTask(stationStaff, STATION_QUEUE, request.reference(), "Record service visit");
    assertThat(visit).containsEntry("assignee", "admin");
    city.claimAndComplete(
        stationStaff,
        visit,
        map(
            "visitOutcome", "DONE",
            "workSummary", "Replaced the tap washer; no more dripping.",
            "minutesSpent", 40));
  }

  private static Map<String, Object> request(String subject) {
    return map(
        "type",
        "COMMUNITY_SERVICE_REQUEST",
        "channel",
        "APP",
        "contact",
        map("name", "张伟", "phone", "13712345678"),
        "subject",
        subject,
        "description",
        "Please send someone from the station to fix it.",
        "category",
        "home-repair",
        "location",
        map("address", "Liqun West Street 12, Building 3"),
        "formData",
        map("community", "XQ_LIQUN", "preferredTime", "MORNING"));
  }
}
