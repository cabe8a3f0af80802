package io.cityflow.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
  private final AlertRules rules = Events.defaultRules();
  private static final Instant AT = Instant.parse("2026-11-28T08:00:00Z");

  @Test
  void configuresEveryDeviceTypeFromTheRulesFile() {
    assertThat(rules.of(DeviceType.DUSTBIN).thresholds())
        .extracting(ThresholdRule::alarmType)
        .contains("fill-level");
    assertThat(rules.of(DeviceType.WATER_STATION).thresholds())
        .extracting(ThresholdRule::alarmType)
        .contains("tds", "filter-pressure-drop", "leak");
    assertThat(rules.of(DeviceType.TRAFFIC_LIGHT).alarms())
        .containsKeys("lamp-failure", "controller-fault");
    assertThat(rules.of(DeviceType.SMOKE_SENSOR).alarms().get("fire").priority())
        .isEqualTo(Priority.EMERGENCY);
    assertThat(rules.of(DeviceType.TRAFFIC_LIGHT).offlineAfter()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void rejectsAReadingTheDeviceTypeDoesNotReport() {
    // given
    DeviceEvent event = new DeviceEvent("d", DeviceType.DUSTBIN, "e", AT, Map.of("tds", 5.0), null);

    // then
    assertThat(rules.check(event)).get().extracting(Rejection::field).isEqualTo("/readings/tds");
  }

  @Test
  void rejectsAnAlarmCodeTheDeviceTypeDoesNotHave() {
    // given
    DeviceEvent event =
        new DeviceEvent(
            "d", DeviceType.TRAFFIC_LIGHT, "e", AT, null, new DeviceAlarm("fire", Severity.MAJOR));

    // then
    assertThat(rules.check(event)).get().extracting(Rejection::field).isEqualTo("/alarm/code");
  }

  @Test
  void seesThatASmokeAlarmMayRaiseAnEmergencyButItsClearingDoesNot() {
    DeviceEvent fire =
        new DeviceEvent(
            "s",
            DeviceType.SMOKE_SENSOR,
            "e",
            AT,
            null,
            new DeviceAlarm("fire", Severity.CRITICAL));
    DeviceEvent cleared =
        new DeviceEvent(
            "s", DeviceType.SMOKE_SENSOR, "e", AT, null, new DeviceAlarm("fire", Severity.CLEARED));
    DeviceEvent dense =
        new DeviceEvent("s", DeviceType.SMOKE_SENSOR, "e", AT, Map.of("smokeDensity", 0.3), null);

    assertThat(rules.mayRaiseEmergency(fire)).isTrue();
    assertThat(rules.mayRaiseEmergency(dense)).isTrue();
    assertThat(rules.mayRaiseEmergency(cleared)).isFalse();
  }

  @Test
  void refusesAThresholdWhoseClearLevelIsOnTheWrongSide() {
    assertThatThrownBy(
            () ->
                new ThresholdRule(
                    "x", "fillLevel", ThresholdRule.Direction.ABOVE, 90, 95, Priority.NORMAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("safe side");
  }
}
