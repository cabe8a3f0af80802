package io.cityflow.devices;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies one event to a device's alarm states and says which signals that produces. Pure: the
 * caller loads the states, and stores the changed ones.
 *
 * <p>An inactive alarm whose condition holds is raised (alert); an active one whose condition holds
 * again counts a repeat; an active one whose condition has cleared recovers. Thresholds have a
 * hysteresis band in which nothing changes. An event older than what a state already reflects does
 * not touch that state, and readings older than the device's newest readings change nothing at all.
 * Any event newer than the one that marked the device offline recovers the offline alarm.
 */
public final class RuleEvaluator {

  private final AlertRules rules;

  public RuleEvaluator(AlertRules rules) {
    this.rules = rules;
  }

  /** The result of one event: whether it was applied, and the signals it produced. */
  public record Result(boolean stale, List<Signal> signals, List<AlarmState> changed) {}

  /**
   * Evaluates {@code event} for {@code device}. {@code states} (alarm type to state) is updated in
   * place with the changes, so that the next event of the same batch sees them.
   */
  public Result evaluate(DeviceEvent event, Device device, Map<String, AlarmState> states) {
    List<Signal> signals = new ArrayList<>();
    List<AlarmState> changed = new ArrayList<>();
    Instant at = event.occurredAt();
    boolean stale;
    if (event.hasReadings()) {
      stale = device.lastReadingsAt() != null && at.isBefore(device.lastReadingsAt());
      if (!stale) {
        applyReadings(event, device, states, signals, changed);
      }
    } else {
      stale = applyAlarm(event, device, states, signals, changed);
    }
    if (!stale) {
      AlarmState offline = states.get(AlertRules.OFFLINE);
      if (offline != null && offline.active() && at.isAfter(offline.lastEventAt())) {
        clear(offline, event, device, states, signals, changed);
      }
    }
    return new Result(stale, signals, changed);
  }

  private void applyReadings(
      DeviceEvent event,
      Device device,
      Map<String, AlarmState> states,
      List<Signal> signals,
      List<AlarmState> changed) {
    for (ThresholdRule rule : rules.of(event.deviceType()).thresholds()) {
      Double value = event.readings().get(rule.reading());
      if (value == null) {
        continue;
      }
      AlarmState state = states.get(rule.alarmType());
      if (state != null && state.isNewerThan(event.occurredAt())) {
        continue;
      }
      String cause = rule.reading() + "=" + format(value);
      switch (rule.level(value)) {
        case RAISE ->
            raiseOrRepeat(
                state,
                rule.alarmType(),
                rule.priority(),
                event,
                device,
                cause,
                states,
                signals,
                changed);
        case CLEAR -> {
          if (state != null && state.active()) {
            clear(state, event, device, states, signals, changed);
          }
        }
        case BAND -> {
          // Inside the hysteresis band: an alarm stays as it is.
        }
      }
    }
  }

  private boolean applyAlarm(
      DeviceEvent event,
      Device device,
      Map<String, AlarmState> states,
      List<Signal> signals,
      List<AlarmState> changed) {
    AlarmCodeRule rule = rules.of(event.deviceType()).alarms().get(event.alarm().code());
    AlarmState state = states.get(rule.alarmType());
    if (state != null && state.isNewerThan(event.occurredAt())) {
      return true;
    }
    if (event.alarm().severity() == Severity.CLEARED) {
      if (state != null && state.active()) {
        clear(state, event, device, states, signals, changed);
      }
    } else {
      String cause = "alarm=" + event.alarm().code() + "/" + event.alarm().severity().wireName();
      raiseOrRepeat(
          state, rule.alarmType(), rule.priority(), event, device, cause, states, signals, changed);
    }
    return false;
  }

  private static void raiseOrRepeat(
      AlarmState state,
      String alarmType,
      Priority priority,
      DeviceEvent event,
      Device device,
      String cause,
      Map<String, AlarmState> states,
      List<Signal> signals,
      List<AlarmState> changed) {
    AlarmState next;
    Signal.Kind kind;
    if (state == null) {
      next =
          AlarmState.raised(device.id(), alarmType, priority, event.eventId(), event.occurredAt());
      kind = Signal.Kind.ALERT;
    } else if (!state.active()) {
      next = state.raisedAgain(priority, event.eventId(), event.occurredAt());
      kind = Signal.Kind.ALERT;
    } else {
      next = state.repeated(event.eventId(), event.occurredAt());
      kind = Signal.Kind.REPEAT;
    }
    record(
        next, kind, event.eventId(), event.occurredAt(), device, cause, states, signals, changed);
  }

  private static void clear(
      AlarmState state,
      DeviceEvent event,
      Device device,
      Map<String, AlarmState> states,
      List<Signal> signals,
      List<AlarmState> changed) {
    AlarmState next = state.cleared(event.eventId(), event.occurredAt());
    record(
        next,
        Signal.Kind.RECOVERY,
        event.eventId(),
        event.occurredAt(),
        device,
        "recovered",
        states,
        signals,
        changed);
  }

  static void record(
      AlarmState next,
      Signal.Kind kind,
      String messageId,
      Instant at,
      Device device,
      String cause,
      Map<String, AlarmState> states,
      List<Signal> signals,
      List<AlarmState> changed) {
    states.put(next.alarmType(), next);
    changed.removeIf(s -> s.alarmType().equals(next.alarmType()));
    changed.add(next);
    signals.add(
        new Signal(
            kind,
            device.id(),
            device.type(),
            next.alarmType(),
            next.priority(),
            messageId,
            at,
            next.repeatCount(),
            device.zone(),
            device.location(),
            cause));
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}
