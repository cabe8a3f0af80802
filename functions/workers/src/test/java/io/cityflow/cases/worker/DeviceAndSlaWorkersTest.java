package io.cityflow.cases.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cityflow.cases.CaseRuleViolation;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.approval.DocumentCheck;
import io.cityflow.cases.dispatch.Technician;
import io.cityflow.cases.dispatch.TechnicianDispatch;
import io.cityflow.cases.dispatch.TechnicianRoster;
import io.cityflow.cases.notification.Notifications;
import io.cityflow.cases.sla.SlaChanges;
import io.cityflow.cases.testing.InMemoryCases;
import io.cityflow.cases.testing.RecordingNotifier;
import io.cityflow.workers.devices.DeviceRegistry;
import io.micronaut.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The device, dispatch, document and SLA workers against in-memory ports. */
class DeviceAndSlaWorkersTest {
  final InMemoryCases cases = new InMemoryCases();

  @Test
  void looksUpTheDeviceWithItsAssetData() {
    DeviceRegistry registry =
        id ->
            id.equals("dustbin-0001")
                ? Optional.of(
                    new DeviceRegistry.Device(
                        "dustbin-0001",
                        "dustbin",
                        "People's Square, north",
                        "park",
                        Instant.parse("2026-01-01T00:00:00Z"),
                        null,
                        List.of("fill-level")))
                : Optional.empty();
    LookupDeviceWorker worker = new LookupDeviceWorker(registry);

    Map<String, Object> out =
        worker.handle(new Job(1L, 1L, "test-process", Map.of("deviceId", "dustbin-0001")));

    assertThat(out).containsOnlyKeys("device");
    @SuppressWarnings("unchecked")
    Map<String, Object> device = (Map<String, Object>) out.get("device");
    assertThat(device)
        .containsEntry("type", "dustbin")
        .containsEntry("zone", "park")
        .containsEntry("activeAlarms", List.of("fill-level"))
        .doesNotContainKey("lastSeenAt");
    assertThatThrownBy(
            () -> worker.handle(new Job(2L, 1L, "test-process", Map.of("deviceId", "ghost"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A roster in memory. */
  static final class Roster implements TechnicianRoster {
    final List<Technician> technicians = new ArrayList<>();
    final Map<UUID, String> assigned = new HashMap<>();

    @Override
    public List<Technician> available(String department, String zone) {
      List<Technician> inZone =
          technicians.stream()
              .filter(t -> t.department().equals(department) && t.zone().equals(zone))
              .toList();
      return inZone.isEmpty()
          ? technicians.stream()
              .filter(t -> t.department().equals(department) && t.zone().equals("*"))
              .toList()
          : inZone;
    }

    @Override
    public Optional<String> assignedTo(UUID caseId) {
      return Optional.ofNullable(assigned.get(caseId));
    }

    @Override
    public void assign(UUID caseId, String username, Instant at) {
      assigned.put(caseId, username);
      technicians.replaceAll(
          t ->
              t.username().equals(username)
                  ? new Technician(t.username(), t.displayName(), t.department(), t.zone(), at)
                  : t);
    }
  }

  @Test
  void picksTheLeastRecentlyAssignedTechnicianOfTheZoneAndKeepsTheProposal() {
    Roster roster = new Roster();
    roster.technicians.add(
        new Technician(
            "tech.a", "A", "WATER_SUPPLY", "school", Instant.parse("2026-03-01T00:00:00Z")));
    roster.technicians.add(new Technician("tech.b", "B", "WATER_SUPPLY", "school", null));
    roster.technicians.add(new Technician("tech.any", "Any", "WATER_SUPPLY", "*", null));
    PickTechnicianWorker worker =
        new PickTechnicianWorker(new TechnicianDispatch(roster, WorkerFakes.clock()));
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    Map<String, Object> maintenance = Map.of("department", "WATER_SUPPLY");

    Object a =
        worker
            .handle(
                new Job(
                    1L,
                    1L,
                    "test-process",
                    Map.of(
                        "caseId", first.toString(), "zone", "school", "maintenance", maintenance)))
            .get("technician");
    Object again =
        worker
            .handle(
                new Job(
                    2L,
                    1L,
                    "test-process",
                    Map.of(
                        "caseId", first.toString(), "zone", "school", "maintenance", maintenance)))
            .get("technician");
    Object b =
        worker
            .handle(
                new Job(
                    3L,
                    2L,
                    "test-process",
                    Map.of(
                        "caseId", second.toString(), "zone", "school", "maintenance", maintenance)))
            .get("technician");
    Object fallback =
        worker
            .handle(
                new Job(
                    4L,
                    3L,
                    "test-process",
                    Map.of(
                        "caseId",
                        UUID.randomUUID().toString(),
                        "zone",
                        "hospital",
                        "maintenance",
                        maintenance)))
            .get("technician");

    assertThat(a).isEqualTo("tech.b");
    assertThat(again).isEqualTo("tech.b");
    assertThat(b).isEqualTo("tech.a");
    assertThat(fallback).isEqualTo("tech.any");
    assertThat(
            worker.handle(
                new Job(
                    5L,
                    4L,
                    "test-process",
                    Map.of(
                        "caseId",
                        UUID.randomUUID().toString(),
                        "zone",
                        "park",
                        "maintenance",
                        Map.of("department", "SANITATION")))))
        .isEmpty();
  }

  @Test
  void listsTheRequiredDocumentsTheApplicationLacks() {
    CityCase c =
        cases.ticket(
            "Li Na",
            "13800001234",
            "{\"documents\":[{\"name\":\"ID_card front.jpg\"},\"premises-lease.pdf\"]}");
    WorkerFakes.Catalog catalog = new WorkerFakes.Catalog();
    catalog.add(
        new io.cityflow.cases.CaseAttachment(
            UUID.randomUUID(),
            c.id(),
            "cases/" + c.id() + "/1",
            "Floor plan.pdf",
            "application/pdf",
            1000,
            "citizen",
            Instant.now()));
    CheckDocumentsWorker worker =
        new CheckDocumentsWorker(new DocumentCheck(cases, catalog, JsonMapper.createDefault()));
    Map<String, Object> requirements =
        Map.of(
            "requiredDocuments",
            List.of("id-card", "premises-lease", "floor-plan", "staff-health-certificates"));

    Map<String, Object> out =
        worker.handle(
            new Job(
                1L,
                1L,
                "test-process",
                Map.of("caseId", c.id().toString(), "requirements", requirements)));

    assertThat(out)
        .containsEntry("documentsComplete", false)
        .containsEntry("missingDocuments", List.of("staff-health-certificates"));
  }

  @Test
  void extendsTheDeadlineByWorkingDaysOnceAndWarnsOnTheTimeline() {
    CityCase c = cases.ticket("Li Na", "13800001234", "{}");
    SlaChanges sla = new SlaChanges(cases, cases, WorkerFakes.calendar(), WorkerFakes.clock());
    ExtendSlaWorker extend = new ExtendSlaWorker(sla);
    Job job =
        new Job(
            5L,
            1L,
            "test-process",
            Map.of(
                "caseId",
                c.id().toString(),
                "extensionWorkingDays",
                2,
                "supervisorNote",
                "Parts on order"));

    Map<String, Object> out = extend.handle(job);
    Map<String, Object> retried = extend.handle(job);

    // due was Tuesday 10:00 Beijing time; two working days later is Thursday 10:00
    assertThat(out).containsEntry("slaDueAt", "2026-03-05T02:00:00Z");
    assertThat(retried).isEqualTo(out);
    assertThat(cases.findById(c.id()).orElseThrow().slaDueAt())
        .isEqualTo(Instant.parse("2026-03-05T02:00:00Z"));
    assertThatThrownBy(
            () ->
                extend.handle(
                    new Job(
                        6L,
                        1L,
                        "test-process",
                        Map.of("caseId", c.id().toString(), "extensionWorkingDays", 30))))
        .isInstanceOf(CaseRuleViolation.class);

    new SendSlaWarningWorker(sla)
        .handle(new Job(7L, 1L, "test-process", Map.of("caseId", c.id().toString())));
    assertThat(cases.timelineTexts(c.id()))
        .anyMatch(t -> t.startsWith("Deadline extended by 2 working days: Parts on order"))
        .anyMatch(t -> t.startsWith("SLA warning: due at 2026-03-05T02:00:00Z"));
  }

  @Test
  void alertsTheFireBrigadeAndTheCommunityThroughTheNotifier() {
    CityCase c = cases.ticket("x", "1", "{}");
    RecordingNotifier sms = new RecordingNotifier("sms");
    Notifications notifications =
        new Notifications(
            List.of(sms), cases, cases, JsonMapper.createDefault(), WorkerFakes.clock());
    EmergencyContacts contacts = new EmergencyContacts();
    Map<String, Object> vars =
        Map.of(
            "caseId", c.id().toString(),
            "reference", "YC-2026-000009",
            "deviceId", "smoke-sensor-0003",
            "alarmType", "smoke",
            "location", "Building 5, Jinfeng community",
            "zone", "residential");

    new AlertFireBrigadeWorker(notifications, contacts)
        .handle(new Job(1L, 1L, "test-process", vars));
    new AlertCommunityWorker(notifications, contacts).handle(new Job(2L, 1L, "test-process", vars));

    assertThat(sms.sent()).hasSize(2);
    assertThat(sms.sent().get(0).recipient().phone()).isEqualTo("119");
    assertThat(sms.sent().get(0).subject())
        .isEqualTo(
            "火警 YC-2026-000009：Building 5, Jinfeng community"
                + " / FIRE ALARM YC-2026-000009: Building 5, Jinfeng community");
    assertThat(sms.sent().get(1).recipient().name()).isEqualTo("Community duty line");
    assertThat(sms.sent().get(1).body()).contains("Building 5, Jinfeng community");
  }
}
