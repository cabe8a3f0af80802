package io.cityflow.cases.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cityflow.cases.CaseRuleViolation;
import io.cityflow.cases.CaseType;
import io.cityflow.cases.Channel;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.Priority;
import io.cityflow.cases.TrackingCodes;
import io.cityflow.cases.opening.WorkflowCaseOpenings;
import io.cityflow.cases.testing.InMemoryCases;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Opening child tickets and maintenance cases, and counting repeats, against in-memory ports. */
class OpenCaseWorkersTest {
  final InMemoryCases cases = new InMemoryCases();
  final WorkerFakes.Ledger ledger = new WorkerFakes.Ledger();
  final WorkflowCaseOpenings openings =
      new WorkflowCaseOpenings(
          cases,
          cases,
          ledger,
          new WorkerFakes.Departments("WATER_SUPPLY", "FIRE_RESCUE", "SANITATION"),
          WorkerFakes.calendar(),
          new TrackingCodes("a-test-secret-of-at-least-thirty-two-characters"),
          WorkerFakes.clock());

  static Map<String, Object> alarm(String priority, int slaHours, String department) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("deviceId", "water-station-0007");
    vars.put("deviceType", "water-station");
    vars.put("alarmType", "leak");
    vars.put("zone", "school");
    vars.put("location", "No. 3 Primary School, gate");
    vars.put("alertEventId", "evt-1");
    vars.put("alertedAt", "2026-03-02T02:00:00Z");
    vars.put(
        "maintenance",
        Map.of("priority", priority, "slaHours", slaHours, "department", department));
    return vars;
  }

  @Test
  void opensARoutedMaintenanceCaseDueInWorkingHours() {
    OpenDeviceCaseWorker worker = new OpenDeviceCaseWorker(openings);

    Map<String, Object> out =
        worker.handle(new Job(11L, 500L, "test-process", alarm("HIGH", 8, "WATER_SUPPLY")));

    CityCase c = cases.findById(UUID.fromString((String) out.get("caseId"))).orElseThrow();
    assertThat(c.type()).isEqualTo(CaseType.DEVICE_MAINTENANCE);
    assertThat(c.channel()).isEqualTo(Channel.DEVICE);
    assertThat(c.priority()).isEqualTo(Priority.HIGH);
    assertThat(c.departments()).containsExactly("WATER_SUPPLY");
    assertThat(c.processInstanceKey()).isEqualTo(500L);
    assertThat(out).containsEntry("reference", c.reference().toString());
    // 8 working hours from Monday 10:00 Beijing time: 7 on Monday, 1 on Tuesday (due 10:00);
    // the warning after 75 %, 6 working hours, still on Monday at 16:00.
    assertThat(out)
        .containsEntry("slaDueAt", "2026-03-03T02:00:00Z")
        .containsEntry("slaWarnAt", "2026-03-02T08:00:00Z");
  }

  @Test
  void emergenciesCountClockHours() {
    OpenDeviceCaseWorker worker = new OpenDeviceCaseWorker(openings);

    Map<String, Object> out =
        worker.handle(new Job(12L, 501L, "test-process", alarm("EMERGENCY", 1, "FIRE_RESCUE")));

    assertThat(out)
        .containsEntry("slaDueAt", "2026-03-02T03:00:00Z")
        .containsEntry("slaWarnAt", "2026-03-02T02:45:00Z");
    CityCase c = cases.findById(UUID.fromString((String) out.get("caseId"))).orElseThrow();
    assertThat(c.priority()).isEqualTo(Priority.URGENT);
  }

  @Test
  void aRetriedJobNeverOpensASecondCase() {
    OpenDeviceCaseWorker worker = new OpenDeviceCaseWorker(openings);
    Job job = new Job(13L, 502L, "test-process", alarm("NORMAL", 24, "WATER_SUPPLY"));

    Map<String, Object> first = worker.handle(job);
    Map<String, Object> second = worker.handle(job);

    assertThat(second).isEqualTo(first);
    assertThat(cases.cases).hasSize(1);
  }

  @Test
  void anUnknownDepartmentFailsTheJob() {
    OpenDeviceCaseWorker worker = new OpenDeviceCaseWorker(openings);

    assertThatThrownBy(
            () -> worker.handle(new Job(14L, 503L, "test-process", alarm("HIGH", 4, "NOWHERE"))))
        .isInstanceOf(CaseRuleViolation.class);
    assertThat(cases.cases).isEmpty();
  }

  @Test
  void opensOneChildTicketPerJobLinkedToItsParent() {
    CityCase parent = cases.ticket("Li Na", "13800001234", "{}");
    OpenChildCaseWorker worker = new OpenChildCaseWorker(openings);
    Job job =
        new Job(
            21L,
            900L,
            "test-process",
            Map.of(
                "parentCaseId", parent.id().toString(),
                "childDepartment", "SANITATION",
                "childInstructions", "Clear the rubbish under the lamp.",
                "slaDueAt", "2026-03-04T09:00:00Z"));

    Map<String, Object> first = worker.handle(job);
    Map<String, Object> again = worker.handle(job);

    assertThat(again).isEqualTo(first);
    UUID childId = UUID.fromString((String) first.get("childCaseId"));
    CityCase child = cases.findById(childId).orElseThrow();
    assertThat(child.departments()).containsExactly("SANITATION");
    assertThat(child.contact()).isEqualTo(parent.contact());
    assertThat(child.slaDueAt()).isEqualTo(Instant.parse("2026-03-04T09:00:00Z"));
    assertThat(child.processInstanceKey()).isEqualTo(900L);
    assertThat(ledger.parents).containsEntry(childId, parent.id());
    assertThat(cases.timelineTexts(parent.id()))
        .containsExactly("Child ticket " + child.reference() + " opened for SANITATION");
  }

  @Test
  void eachRepeatEventCountsOnce() {
    CityCase c = cases.ticket("x", "1", "{}");
    RecordRepeatAlertWorker worker = new RecordRepeatAlertWorker(openings);
    Map<String, Object> repeat =
        Map.of(
            "caseId",
            c.id().toString(),
            "repeatCount",
            2,
            "lastRepeatEventId",
            "evt-9",
            "lastRepeatAt",
            "2026-03-02T02:30:00Z");

    worker.handle(new Job(31L, 1L, "test-process", repeat));
    worker.handle(new Job(32L, 1L, "test-process", repeat));

    assertThat(cases.timelineTexts(c.id()))
        .containsExactly("Alarm repeated, 2 repeats so far [event evt-9]");
  }
}
