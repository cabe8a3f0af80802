package io.cityflow.local.workflows;

import static io.cityflow.local.workflows.CityFlowStack.await;
import static io.cityflow.local.workflows.CityFlowStack.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.local.workflows.CityFlowStack.Reply;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.nio.file.Path;
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
 * Issue 6's "done when" for {@code device-maintenance}, in the local stack and only through HTTP: a
 * demo dustbin reports itself full on the device ingest endpoint, repeats it, and is emptied before
 * anyone was dispatched; the sanitation department's queue and the case show what happened.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceMaintenanceWorkflowIT {
  /** Full dustbins are the sanitation department's (maintenance-priority table). */
  private static final String SANITATION_QUEUE = "department=SANITATION";

  private static final String DISPATCH = "Dispatch technician";

  private final PostgresDatabase database;
  private CityFlowStack city;

  /** No demo user works in sanitation; the admin works any queue. */
  private String staff;

  DeviceMaintenanceWorkflowIT(PostgresDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    city = CityFlowStack.start(database, dataDir);
    staff = city.signIn("admin", "demo-admin");
  }

  @AfterAll
  void stop() {
    if (city != null) {
      city.close();
    }
  }

  @Test
  void aFullDustbinOpensOneCaseCountsItsRepeatsAndClosesItselfWhenEmptiedBeforeDispatch()
      throws Exception {
    // given a demo dustbin
    String bin = "dustbin-0217";
    Instant t0 = Instant.now().minusSeconds(600);

    // when it reports itself full
    Reply full = report(bin, "full-0", t0, 96);

    // then one maintenance case opens in the sanitation queue, waiting for a dispatch
    assertThat(full.status()).as("%s", full.body()).isEqualTo(202);
    Map<String, Object> dispatch = awaitDispatchOf(bin);
    String reference = (String) dispatch.get("caseReference");
    assertThat(dispatch).containsEntry("caseType", "DEVICE_MAINTENANCE");
    Map<String, Object> opened = city.staffCase(staff, reference);
    assertThat(opened)
        .containsEntry("subject", "fill-level alarm: dustbin " + bin)
        .containsEntry("departments", List.of("SANITATION"))
        .containsEntry("channel", "DEVICE");

    // when it repeats the alarm five times, and one of those reports arrives twice
    for (int i = 1; i <= 5; i++) {
      assertThat(report(bin, "full-" + i, t0.plusSeconds(i * 10L), 97).status()).isEqualTo(202);
    }
    Reply again = report(bin, "full-5", t0.plusSeconds(50), 97);

    // then the five repeats are counted on that case, the duplicate is not, and no case is added
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.map()).containsEntry("status", "duplicate");
    Map<String, Object> repeated =
        await(
            "five repeats on " + reference,
            () -> {
              Map<String, Object> view = city.staffCase(staff, reference);
              return repeats(view).size() == 5 ? view : null;
            });
    assertThat(repeats(repeated))
        .anySatisfy(text -> assertThat(text).startsWith("Alarm repeated, 5 repeats so far"));
    assertThat(city.tasksOf(staff, SANITATION_QUEUE + "&q=" + bin, reference)).hasSize(1);
    assertThat(
            city.get(
                    "/api/staff/tasks?" + SANITATION_QUEUE + "&q=" + bin,
                    CityFlowStack.bearer(staff))
                .items())
        .extracting(t -> t.get("caseReference"))
        .containsOnly(reference);

    // when the bin is emptied before anyone was sent
    assertThat(report(bin, "emptied", t0.plusSeconds(120), 8).status()).isEqualTo(202);

    // then the case closes by itself as recovered, and leaves the queue
    Map<String, Object> closed =
        await(
            reference + " to close as recovered",
            () -> {
              Map<String, Object> view = city.staffCase(staff, reference);
              return "CLOSED".equals(view.get("status")) ? view : null;
            });
    assertThat(closed).containsEntry("outcome", "RECOVERED_BEFORE_DISPATCH");
    assertThat(city.tasksOf(staff, SANITATION_QUEUE + "&q=" + bin, reference)).isEmpty();
    assertThat(repeats(closed)).hasSize(5);
  }

  @Test
  void aDeviceWithTheWrongKeyIsRefusedAndOpensNothing() throws Exception {
    // given
    String bin = "dustbin-0218";

    // when
    Reply refused =
        city.post(
            "/api/devices/" + bin + "/events",
            event(bin, "forged-1", Instant.now().minusSeconds(5), 99),
            Map.of("X-Device-Key", "demo-key-dustbin-0001"));

    // then
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    Thread.sleep(2000); // what a wrongly accepted event would have needed to open a case
    assertThat(
            city.get(
                    "/api/staff/tasks?" + SANITATION_QUEUE + "&q=" + bin,
                    CityFlowStack.bearer(staff))
                .items())
        .isEmpty();
  }

  private Map<String, Object> awaitDispatchOf(String bin) throws Exception {
    return await(
        "\"" + DISPATCH + "\" for " + bin + " in the sanitation queue",
        () ->
            city
                .get(
                    "/api/staff/tasks?" + SANITATION_QUEUE + "&q=" + bin,
                    CityFlowStack.bearer(staff))
                .items()
                .stream()
                .filter(t -> DISPATCH.equals(t.get("name")))
                .findFirst()
                .orElse(null));
  }

  private static List<String> repeats(Map<String, Object> staffView) {
    return timeline(staffView, "COMMENTED").stream()
        .filter(text -> text.startsWith("Alarm repeated"))
        .toList();
  }

  /** A fill-level reading over HTTP, with the demo device's own key. */
  private Reply report(String deviceId, String eventId, Instant at, double fillLevel)
      throws Exception {
    return city.post(
        "/api/devices/" + deviceId + "/events",
        event(deviceId, eventId, at, fillLevel),
        Map.of("X-Device-Key", "demo-key-" + deviceId));
  }

  private static Map<String, Object> event(
      String deviceId, String eventId, Instant at, double fillLevel) {
    return CityFlowStack.map(
        "deviceId",
        deviceId,
        "deviceType",
        "dustbin",
        "eventId",
        eventId,
        "occurredAt",
        at.toString(),
        "readings",
        Map.of("fillLevel", fillLevel));
  }
}
