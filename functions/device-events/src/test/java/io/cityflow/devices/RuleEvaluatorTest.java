package io.cityflow.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {
  private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
  private final RuleEvaluator evaluator = new RuleEvaluator(Events.defaultRules());
  private final Map<String, AlarmState> states = new HashMap<>();
  private Device dustbin =
      new Device("dustbin-0001", DeviceType.DUSTBIN, "loc", "xixia", null, null);

  private List<Signal> fill(int minute, double level) {
    DeviceEvent event =
        new DeviceEvent(
            dustbin.id(),
            DeviceType.DUSTBIN,
            "e" + minute,
            T0.plusSeconds(60L * minute),
            Map.of("fillLevel", level),
            null);
    RuleEvaluator.Result result = evaluator.evaluate(event, dustbin, states);
    dustbin =
        new Device(
            dustbin.id(),
            dustbin.type(),
            dustbin.location(),
            dustbin.zone(),
            event.occurredAt(),
            event.occurredAt());
    return result.signals();
  }

  @Test
  void doesNotFlapWhileTheValueHoversAtTheThreshold() {
    // given the bin crossed 90 %
    assertThat(fill(0, 91)).extracting(Signal::kind).containsExactly(Signal.Kind.ALERT);

    // when it hovers around the threshold, inside the band
    List<Signal> hovering = new java.util.ArrayList<>();
    double[] levels = {89.5, 90.2, 88, 90, 85, 71};
    for (int i = 0; i < levels.length; i++) {
      hovering.addAll(fill(i + 1, levels[i]));
    }

    // then only readings at or above the raise threshold count as repeats, and nothing recovers
    assertThat(hovering)
        .extracting(Signal::kind)
        .containsExactly(Signal.Kind.REPEAT, Signal.Kind.REPEAT);
    assertThat(states.get("fill-level").active()).isTrue();

    // and it recovers only once below the clear threshold
    assertThat(fill(10, 70)).extracting(Signal::kind).containsExactly(Signal.Kind.RECOVERY);
    assertThat(fill(11, 89)).isEmpty();
  }

  @Test
  void raisesALowBatteryWhenTheValueFallsAndClearsItWhenItHasRisenPastTheBand() {
    // given
    DeviceEvent low =
        new DeviceEvent(dustbin.id(), DeviceType.DUSTBIN, "b1", T0, Map.of("battery", 12.0), null);
    DeviceEvent charging =
        new DeviceEvent(
            dustbin.id(),
            DeviceType.DUSTBIN,
            "b2",
            T0.plusSeconds(60),
            Map.of("battery", 20.0),
            null);
    DeviceEvent charged =
        new DeviceEvent(
            dustbin.id(),
            DeviceType.DUSTBIN,
            "b3",
            T0.plusSeconds(120),
            Map.of("battery", 30.0),
            null);

    // then
    assertThat(evaluator.evaluate(low, dustbin, states).signals())
        .extracting(Signal::alarmType)
        .containsExactly("battery-low");
    assertThat(evaluator.evaluate(charging, dustbin, states).signals()).isEmpty();
    assertThat(evaluator.evaluate(charged, dustbin, states).signals())
        .extracting(Signal::kind)
        .containsExactly(Signal.Kind.RECOVERY);
  }

  @Test
  void turnsDeviceAlarmsIntoAlertsAndClearedAlarmsIntoRecoveries() {
    // given
    Device light =
        new Device("traffic-light-0042", DeviceType.TRAFFIC_LIGHT, "loc", "jinfeng", null, null);
    DeviceEvent failure =
        new DeviceEvent(
            light.id(),
            DeviceType.TRAFFIC_LIGHT,
            "a1",
            T0,
            null,
            new DeviceAlarm("lamp-failure", Severity.MAJOR));
    DeviceEvent cleared =
        new DeviceEvent(
            light.id(),
            DeviceType.TRAFFIC_LIGHT,
            "a2",
            T0.plusSeconds(30),
            null,
            new DeviceAlarm("lamp-failure", Severity.CLEARED));

    // then
    Signal alert = evaluator.evaluate(failure, light, states).signals().get(0);
    assertThat(alert.kind()).isEqualTo(Signal.Kind.ALERT);
    assertThat(alert.priority()).isEqualTo(Priority.HIGH);
    assertThat(alert.correlationKey()).isEqualTo("traffic-light-0042:lamp-failure");
    assertThat(evaluator.evaluate(cleared, light, states).signals())
        .extracting(Signal::kind)
        .containsExactly(Signal.Kind.RECOVERY);
  }

  @Test
  void ignoresAnAlarmOlderThanTheStateItWouldChange() {
    // given
    Device light =
        new Device("traffic-light-0042", DeviceType.TRAFFIC_LIGHT, "loc", "jinfeng", null, null);
    evaluator.evaluate(
        new DeviceEvent(
            light.id(),
            DeviceType.TRAFFIC_LIGHT,
            "a1",
            T0,
            null,
            new DeviceAlarm("controller-fault", Severity.MAJOR)),
        light,
        states);
    evaluator.evaluate(
        new DeviceEvent(
            light.id(),
            DeviceType.TRAFFIC_LIGHT,
            "a3",
            T0.plusSeconds(60),
            null,
            new DeviceAlarm("controller-fault", Severity.CLEARED)),
        light,
        states);

    // when the fault report from in between arrives late
    RuleEvaluator.Result late =
        evaluator.evaluate(
            new DeviceEvent(
                light.id(),
                DeviceType.TRAFFIC_LIGHT,
                "a2",
                T0.plusSeconds(30),
                null,
                new DeviceAlarm("controller-fault", Severity.MAJOR)),
            light,
            states);

    // then
    assertThat(late.stale()).isTrue();
    assertThat(late.signals()).isEmpty();
    assertThat(states.get("controller-fault").active()).isFalse();
  }

  @Test
  void recoversTheOfflineAlarmWithTheNextNewerEvent() {
    // given the heartbeat check marked the bin offline as of minute 0
    states.put(
        AlertRules.OFFLINE,
        AlarmState.raised(dustbin.id(), AlertRules.OFFLINE, Priority.NORMAL, "offline-x", T0));

    // then an event from before does not recover it, a newer one does
    DeviceEvent older =
        new DeviceEvent(dustbin.id(), DeviceType.DUSTBIN, "o", T0.minusSeconds(5), null, null);
    assertThat(fill(-1, 10)).isEmpty();
    assertThat(older.occurredAt()).isBefore(T0);
    assertThat(fill(1, 10)).extracting(Signal::alarmType).containsExactly(AlertRules.OFFLINE);
    assertThat(states.get(AlertRules.OFFLINE).active()).isFalse();
  }
}
