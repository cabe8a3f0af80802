package io.cityflow.workflows.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MaintenancePriorityDecisionTest {
  private static final Decisions DECISION = new Decisions("maintenance-priority");

  /** One row per rule, in table order: rule, device type, alarm, zone, priority, hours, dept. */
  static Stream<Arguments> rules() {
    return Stream.of(
        row(
            "Rule_SensorFire",
            "smoke-sensor",
            "fire",
            "residential",
            "EMERGENCY",
            1,
            "FIRE_RESCUE"),
        row("Rule_BinFire", "dustbin", "bin-fire", "park", "EMERGENCY", 1, "FIRE_RESCUE"),
        row(
            "Rule_TrafficLightCritical",
            "traffic-light",
            "lamp-failure",
            "school",
            "URGENT",
            2,
            "TRAFFIC_POLICE"),
        row(
            "Rule_TrafficLight",
            "traffic-light",
            "lamp-failure",
            "residential",
            "HIGH",
            4,
            "TRAFFIC_POLICE"),
        row(
            "Rule_WaterQualitySensitive",
            "water-station",
            "tds",
            "hospital",
            "URGENT",
            2,
            "WATER_SUPPLY"),
        row("Rule_WaterQuality", "water-station", "leak", "park", "HIGH", 8, "WATER_SUPPLY"),
        row(
            "Rule_WaterStation",
            "water-station",
            "filter-pressure-drop",
            "school",
            "NORMAL",
            24,
            "WATER_SUPPLY"),
        row("Rule_SensorTamper", "smoke-sensor", "tamper", "school", "HIGH", 8, "FIRE_RESCUE"),
        row(
            "Rule_SmokeSensor",
            "smoke-sensor",
            "battery-low",
            "residential",
            "NORMAL",
            24,
            "FIRE_RESCUE"),
        row(
            "Rule_BinFullBusyPlace",
            "dustbin",
            "fill-level",
            "commercial",
            "HIGH",
            4,
            "SANITATION"),
        row("Rule_Dustbin", "dustbin", "fill-level", "residential", "NORMAL", 24, "SANITATION"),
        row(
            "Rule_UnknownDevice",
            "parking-meter",
            "offline",
            "school",
            "NORMAL",
            48,
            "URBAN_MANAGEMENT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void decidesPrioritySlaAndDepartmentOfItsRule(
      String rule,
      String deviceType,
      String alarmType,
      String zone,
      String priority,
      int slaHours,
      String department) {
    Map<String, Object> alert = new HashMap<>();
    alert.put("deviceType", deviceType);
    alert.put("alarmType", alarmType);
    alert.put("zone", zone);

    Object maintenance = DECISION.evaluate(alert);

    assertThat(maintenance)
        .isInstanceOfSatisfying(
            Map.class,
            outputs -> {
              assertThat(outputs.get("priority")).isEqualTo(priority);
              assertThat(((Number) outputs.get("slaHours")).intValue()).isEqualTo(slaHours);
              assertThat(outputs.get("department")).isEqualTo(department);
            });
  }

  @Test
  void hasOneTestRowPerRule() {
    List<String> tested = rules().map(arguments -> (String) arguments.get()[0]).toList();

    assertThat(tested).containsExactlyElementsOf(Models.ruleIds(DECISION.file()));
  }

  private static Arguments row(
      String rule,
      String deviceType,
      String alarmType,
      String zone,
      String priority,
      int slaHours,
      String department) {
    return Arguments.of(rule, deviceType, alarmType, zone, priority, slaHours, department);
  }
}
