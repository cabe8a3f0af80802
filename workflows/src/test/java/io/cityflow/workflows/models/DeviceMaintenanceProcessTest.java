package io.cityflow.workflows.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.UserTask;
import io.cityflow.workflows.contract.JobTypes;
import io.cityflow.workflows.contract.MessageNames;
import io.cityflow.workflows.contract.ProcessIds;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ProcessUnderTest(ProcessIds.DEVICE_MAINTENANCE)
class DeviceMaintenanceProcessTest {
  private static final String DISPATCH = "Task_DispatchTechnician";
  private static final String REPAIR = "Task_RecordRepair";
  private static final String COMMAND = "Task_CommandIncident";

  private final ProcessHarness process;
  private final String deviceId = "dustbin-" + UUID.randomUUID();

  DeviceMaintenanceProcessTest(ProcessHarness process) {
    this.process = process;
  }

  @Test
  void dispatchesATechnicianAndClosesTheCaseWithTheRepairReport() {
    // given
    long alarm = raise("dustbin", "fill-level", "commercial");
    ActivatedJob open = openCase(4);
    ActivatedJob proposal = proposeTechnician();
    UserTask dispatch = process.userTask(DISPATCH);

    // when
    process.completeUserTask(dispatch, dispatched("tech.zhao"));
    UserTask repair = process.userTask(REPAIR);
    process.completeUserTask(repair, repaired("FIXED"));
    ActivatedJob closed = process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(open.getVariablesAsMap().get("maintenance"))
        .isEqualTo(Map.of("priority", "HIGH", "slaHours", 4, "department", "SANITATION"));
    assertThat(proposal.getVariablesAsMap())
        .containsEntry("zone", "commercial")
        .containsEntry(
            "maintenance", Map.of("priority", "HIGH", "slaHours", 4, "department", "SANITATION"));
    assertThat(dispatch.getCandidateGroups()).containsExactly("SANITATION");
    assertThat(process.formId(dispatch)).isEqualTo("dispatch-technician");
    assertThat(repair.getAssignee()).isEqualTo("tech.zhao");
    assertThat(process.formId(repair)).isEqualTo("repair-report");
    assertThat(closed.getVariablesAsMap())
        .containsEntry("status", "CLOSED")
        .containsEntry("outcome", "FIXED");
    process.awaitCompleted(alarm);
  }

  @Test
  void takesZoneAndLocationFromTheDeviceRegistryWhenTheAlarmCarriesNone() {
    // given
    Map<String, Object> alert = alert("fill-level");
    alert.remove("zone");
    alert.remove("location");
    process.startByMessage(MessageNames.DEVICE_ALERT, key("fill-level"), alert);

    // when
    ActivatedJob lookUp =
        process.completeJob(JobTypes.DEVICES_LOOKUP_DEVICE, Map.of("device", device("commercial")));
    ActivatedJob open = openCase(4);

    // then
    assertThat(lookUp.getVariablesAsMap()).containsEntry("deviceId", deviceId);
    assertThat(open.getVariablesAsMap())
        .containsEntry("zone", "commercial")
        .containsEntry("location", "Yuehai Park gate")
        .containsEntry(
            "maintenance", Map.of("priority", "HIGH", "slaHours", 4, "department", "SANITATION"));
  }

  @Test
  void dispatchesAgainWhenTheDeviceIsNotFixed() {
    // given
    long alarm = raise("dustbin", "fill-level", "residential");
    openCase(24);
    proposeTechnician();
    process.completeUserTask(DISPATCH, dispatched("tech.zhao"));

    // when
    process.completeUserTask(REPAIR, repaired("NOT_FIXED"));

    // then
    assertThat(proposeTechnician().getVariablesAsMap()).containsEntry("technician", "tech.zhao");
    assertThat(process.userTask(DISPATCH).getCandidateGroups()).containsExactly("SANITATION");
    process.assertNoJob(JobTypes.CASES_UPDATE_STATUS);
    assertThat(process.state(alarm)).isEqualTo(ProcessInstanceState.ACTIVE);
  }

  @Test
  void closesTheCaseByItselfWhenTheDeviceRecoversBeforeDispatch() {
    // given
    long alarm = raise("dustbin", "fill-level", "residential");
    openCase(24);
    proposeTechnician();
    process.userTask(DISPATCH);

    // when
    long recovered =
        process.correlate(
            MessageNames.DEVICE_RECOVERED,
            key("fill-level"),
            Map.of("recoveredAt", "2030-01-01T08:00:00Z", "recoveryEventId", "evt-recovery"));
    ActivatedJob closed = process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(recovered).isEqualTo(alarm);
    assertThat(closed.getVariablesAsMap()).containsEntry("outcome", "RECOVERED_BEFORE_DISPATCH");
    assertThat(process.openTasks(DISPATCH)).isEmpty();
    process.awaitCompleted(alarm);
    assertThat(process.variables(alarm)).containsEntry("recoveryEventId", "evt-recovery");
  }

  @Test
  void countsRepeatedAlarmsOnTheOpenCaseWithoutOpeningAnother() {
    // given
    long alarm = raise("dustbin", "fill-level", "residential");
    openCase(24);
    proposeTechnician();
    UserTask dispatch = process.userTask(DISPATCH);

    // when
    process.publish(
        MessageNames.DEVICE_ALERT, key("fill-level"), "evt-2", Duration.ZERO, alert("fill-level"));
    long repeated =
        process.correlate(
            MessageNames.DEVICE_ALERT_REPEATED,
            key("fill-level"),
            Map.of("repeatCount", 1, "lastRepeatEventId", "evt-2"));
    ActivatedJob first = process.completeJob(JobTypes.CASES_RECORD_REPEAT_ALERT);
    process.correlate(
        MessageNames.DEVICE_ALERT_REPEATED,
        key("fill-level"),
        Map.of("repeatCount", 2, "lastRepeatEventId", "evt-3"));
    ActivatedJob second = process.completeJob(JobTypes.CASES_RECORD_REPEAT_ALERT);

    // then
    assertThat(repeated).isEqualTo(alarm);
    assertThat(first.getVariablesAsMap()).containsEntry("lastRepeatEventId", "evt-2");
    assertThat(second.getVariablesAsMap())
        .containsEntry("repeatCount", 2)
        .containsEntry("lastRepeatEventId", "evt-3");
    assertThat(process.userTask(DISPATCH).getUserTaskKey()).isEqualTo(dispatch.getUserTaskKey());
    assertThat(process.activeInstancesOf(ProcessIds.DEVICE_MAINTENANCE)).containsExactly(alarm);
  }

  @Test
  void warnsTheDepartmentWhenNobodyIsDispatchedByTheWarningTime() {
    // given
    raise("dustbin", "fill-level", "residential");
    openCase(24);
    proposeTechnician();
    UserTask dispatch = process.userTask(DISPATCH);

    // when
    process.advanceClock(Duration.ofHours(18).plusMinutes(1));
    ActivatedJob warning = process.completeJob(JobTypes.CASES_SEND_SLA_WARNING);

    // then
    assertThat(warning.getVariablesAsMap()).containsEntry("deviceId", deviceId);
    assertThat(process.userTask(DISPATCH).getUserTaskKey()).isEqualTo(dispatch.getUserTaskKey());
  }

  @Test
  void aFireAlarmAlertsTheFireBrigadeAndTheCommunityAndAnIncidentCommanderTakesCharge() {
    // given
    long alarm = raise("smoke-sensor", "fire", "residential");
    openCase(1);

    // when
    ActivatedJob brigade = process.completeJob(JobTypes.DEVICES_ALERT_FIRE_BRIGADE);
    ActivatedJob community = process.completeJob(JobTypes.DEVICES_ALERT_COMMUNITY);
    UserTask command = process.userTask(COMMAND);
    process.completeUserTask(
        command,
        Map.of(
            "incidentOutcome", "FIRE_EXTINGUISHED",
            "actionsTaken", "Brigade put out a bin fire",
            "fireBrigadeOnSite", true,
            "peopleInjured", false,
            "deviceNeedsRepair", false));
    ActivatedJob closed = process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(brigade.getVariablesAsMap()).containsEntry("deviceId", deviceId);
    assertThat(community.getVariablesAsMap()).containsEntry("deviceId", deviceId);
    assertThat(command.getCandidateGroups()).containsExactly("EMERGENCY");
    assertThat(process.formId(command)).isEqualTo("incident-commander");
    assertThat(command.getDueDate().toInstant()).isEqualTo(process.now().plus(Duration.ofHours(1)));
    assertThat(process.openTasks(DISPATCH)).isEmpty();
    assertThat(closed.getVariablesAsMap()).containsEntry("outcome", "FIRE_EXTINGUISHED");
    process.awaitCompleted(alarm);
  }

  @Test
  void aFireIncidentThatLeftTheDeviceBrokenGoesOnToDispatch() {
    // given
    raise("smoke-sensor", "fire", "residential");
    openCase(1);
    process.completeJob(JobTypes.DEVICES_ALERT_FIRE_BRIGADE);
    process.completeJob(JobTypes.DEVICES_ALERT_COMMUNITY);

    // when
    process.completeUserTask(
        COMMAND,
        Map.of(
            "incidentOutcome", "FIRE_EXTINGUISHED",
            "actionsTaken", "Sensor melted",
            "deviceNeedsRepair", true));

    // then
    proposeTechnician();
    assertThat(process.userTask(DISPATCH).getCandidateGroups()).containsExactly("FIRE_RESCUE");
  }

  @Test
  void warnsTheDutyOfficerWhenTheIncidentIsStillOpenAfterItsShortSla() {
    // given
    raise("smoke-sensor", "fire", "residential");
    openCase(1);
    process.completeJob(JobTypes.DEVICES_ALERT_FIRE_BRIGADE);
    process.completeJob(JobTypes.DEVICES_ALERT_COMMUNITY);
    UserTask command = process.userTask(COMMAND);

    // when
    process.advanceClock(Duration.ofHours(1).plusMinutes(1));
    ActivatedJob warning = process.completeJob(JobTypes.CASES_SEND_SLA_WARNING);

    // then
    assertThat(warning.getElementId()).isEqualTo("Task_WarnIncidentOverdue");
    assertThat(process.userTask(COMMAND).getUserTaskKey()).isEqualTo(command.getUserTaskKey());
  }

  static Stream<Arguments> priorityRules() {
    return MaintenancePriorityDecisionTest.rules();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("priorityRules")
  void eachPriorityRuleTakesItsPath(
      String rule,
      String deviceType,
      String alarmType,
      String zone,
      String priority,
      int slaHours,
      String department) {
    // given
    raise(deviceType, alarmType, zone);

    // when
    ActivatedJob open = openCase(slaHours);

    // then
    assertThat(open.getVariablesAsMap().get("maintenance"))
        .isEqualTo(Map.of("priority", priority, "slaHours", slaHours, "department", department));
    if (priority.equals("EMERGENCY")) {
      process.completeJob(JobTypes.DEVICES_ALERT_FIRE_BRIGADE);
      process.completeJob(JobTypes.DEVICES_ALERT_COMMUNITY);
      assertThat(process.userTask(COMMAND).getCandidateGroups()).containsExactly("EMERGENCY");
    } else {
      proposeTechnician();
      assertThat(process.userTask(DISPATCH).getCandidateGroups()).containsExactly(department);
    }
  }

  /** The alarm opens an instance, and the device registry answers the look-up. */
  private long raise(String deviceType, String alarmType, String zone) {
    Map<String, Object> alert = alert(alarmType);
    alert.put("deviceType", deviceType);
    alert.put("zone", zone);
    long instance = process.startByMessage(MessageNames.DEVICE_ALERT, key(alarmType), alert);
    process.completeJob(JobTypes.DEVICES_LOOKUP_DEVICE, Map.of("device", device("school")));
    return instance;
  }

  private Map<String, Object> device(String zone) {
    return Map.of(
        "deviceId", deviceId, "type", "dustbin", "location", "Yuehai Park gate", "zone", zone);
  }

  /** The technician worker proposes who goes; the dispatcher's form shows the proposal. */
  private ActivatedJob proposeTechnician() {
    return process.completeJob(
        JobTypes.DEVICES_PICK_TECHNICIAN, Map.of("technician", "tech.proposed"));
  }

  private Map<String, Object> alert(String alarmType) {
    Map<String, Object> alert = new HashMap<>();
    alert.put("deviceId", deviceId);
    alert.put("deviceType", "dustbin");
    alert.put("alarmType", alarmType);
    alert.put("zone", "residential");
    alert.put("location", "Zhongshan Street 5");
    alert.put("priority", "normal");
    alert.put("alertEventId", "evt-1");
    alert.put("alertedAt", process.now().toString());
    return alert;
  }

  /** The case worker opens the case and returns its deadlines, {@code slaHours} from now. */
  private ActivatedJob openCase(int slaHours) {
    Duration sla = Duration.ofHours(slaHours);
    return process.completeJob(
        JobTypes.CASES_OPEN_DEVICE_CASE,
        Map.of(
            "caseId", UUID.randomUUID().toString(),
            "reference", "YC-2026-000999",
            "slaDueAt", process.now().plus(sla).toString(),
            "slaWarnAt", process.now().plus(sla.multipliedBy(3).dividedBy(4)).toString()));
  }

  private String key(String alarmType) {
    return MessageNames.deviceCorrelationKey(deviceId, alarmType);
  }

  private static Map<String, Object> dispatched(String technician) {
    return Map.of("technician", technician, "expectedArrivalMinutes", 45);
  }

  private static Map<String, Object> repaired(String outcome) {
    return Map.of("repairOutcome", outcome, "repairSummary", "Sensor cleaned", "labourMinutes", 20);
  }
}
