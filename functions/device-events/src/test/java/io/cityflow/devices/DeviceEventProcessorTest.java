package io.cityflow.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceEventProcessorTest {
  private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);

  private final InMemoryDeviceStore store = new InMemoryDeviceStore();
  private final RecordingPublisher publisher = new RecordingPublisher();
  private final DeviceEventProcessor processor =
      new DeviceEventProcessor(
          new DeviceEventParser(CLOCK, Duration.ofMinutes(5)),
          Events.defaultRules(),
          store,
          publisher,
          CLOCK);

  DeviceEventProcessorTest() {
    store.add("dustbin-0001", DeviceType.DUSTBIN, "k1");
    store.add("water-station-0007", DeviceType.WATER_STATION, "k2");
    store.add("traffic-light-0042", DeviceType.TRAFFIC_LIGHT, "k3");
    store.add("smoke-sensor-0003", DeviceType.SMOKE_SENSOR, "k4");
  }

  private List<Outcome> process(String... bodies) {
    List<IncomingEvent> batch = new ArrayList<>();
    for (String body : bodies) {
      batch.add(IncomingEvent.of(body));
    }
    return processor.process(batch);
  }

  private static Instant at(int minutes) {
    return T0.plusSeconds(60L * minutes);
  }

  @Test
  void opensOneAlertForAFullDustbinAndCountsFiftyRepeatsOnIt() {
    // given
    process(Events.fill("dustbin-0001", "e0", at(0), 95));
    List<String> repeats = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      repeats.add(Events.fill("dustbin-0001", "e" + i, at(i), 96));
    }

    // when
    List<Outcome> outcomes = process(repeats.toArray(String[]::new));

    // then
    assertThat(outcomes).extracting(Outcome::status).containsOnly(Outcome.Status.ACCEPTED);
    assertThat(publisher.signals(Signal.Kind.ALERT)).hasSize(1);
    Signal alert = publisher.signals(Signal.Kind.ALERT).get(0);
    assertThat(alert.correlationKey()).isEqualTo("dustbin-0001:fill-level");
    assertThat(alert.messageId()).isEqualTo("e0");
    assertThat(publisher.signals(Signal.Kind.REPEAT))
        .singleElement()
        .satisfies(
            repeat -> {
              assertThat(repeat.repeatCount()).isEqualTo(50);
              assertThat(repeat.messageId()).isEqualTo("e50");
            });
    assertThat(store.alarm("dustbin-0001", "fill-level"))
        .get()
        .extracting(AlarmState::repeatCount)
        .isEqualTo(50);
  }

  @Test
  void treatsARedeliveredEventAsANoOp() {
    // given
    String full = Events.sample("dustbin-full.json");
    process(full);

    // when
    List<Outcome> outcomes = process(full, full);

    // then
    assertThat(outcomes).extracting(Outcome::status).containsOnly(Outcome.Status.DUPLICATE);
    assertThat(publisher.signals()).hasSize(1);
    assertThat(store.alarm("dustbin-0001", "fill-level"))
        .get()
        .extracting(AlarmState::repeatCount)
        .isEqualTo(0);
  }

  @Test
  void closesTheAlertWhenTheDustbinIsEmptied() {
    // given
    process(Events.sample("dustbin-full.json"));

    // when
    process(Events.sample("dustbin-emptied.json"));

    // then
    assertThat(publisher.signals())
        .extracting(Signal::kind)
        .containsExactly(Signal.Kind.ALERT, Signal.Kind.RECOVERY);
    assertThat(store.alarm("dustbin-0001", "fill-level"))
        .get()
        .extracting(AlarmState::active)
        .isEqualTo(false);
  }

  @Test
  void doesNotLetAnOlderEventUndoNewerState() {
    // given the bin was full at 10 and emptied at 20
    process(
        Events.fill("dustbin-0001", "full", at(10), 95),
        Events.fill("dustbin-0001", "empty", at(20), 10));

    // when a reading from minute 15 arrives late
    List<Outcome> outcomes = process(Events.fill("dustbin-0001", "late", at(15), 97));

    // then
    assertThat(outcomes).extracting(Outcome::status).containsExactly(Outcome.Status.STALE);
    assertThat(publisher.signals())
        .extracting(Signal::kind)
        .containsExactly(Signal.Kind.ALERT, Signal.Kind.RECOVERY);
    assertThat(store.alarm("dustbin-0001", "fill-level"))
        .get()
        .extracting(AlarmState::active)
        .isEqualTo(false);
  }

  @Test
  void appliesTheEventsOfABatchInTheOrderTheyOccurred() {
    // when the emptying arrives before the filling it followed
    process(
        Events.fill("dustbin-0001", "empty", at(20), 10),
        Events.fill("dustbin-0001", "full", at(10), 95));

    // then
    assertThat(publisher.signals())
        .extracting(Signal::kind)
        .containsExactly(Signal.Kind.ALERT, Signal.Kind.RECOVERY);
  }

  @Test
  void rejectsPoisonAndUnknownDevicesWithoutBlockingTheRest() {
    // when
    List<Outcome> outcomes =
        process(
            Events.sample("poison-not-json.txt"),
            Events.sample("dustbin-full.json"),
            Events.sample("unknown-device.json"),
            Events.sample("poison-unknown-field.json"),
            Events.readings("dustbin-0001", "traffic-light", "x", at(1), "{\"temperature\":1}"));

    // then
    assertThat(outcomes)
        .extracting(Outcome::status)
        .containsExactly(
            Outcome.Status.REJECTED,
            Outcome.Status.ACCEPTED,
            Outcome.Status.REJECTED,
            Outcome.Status.REJECTED,
            Outcome.Status.REJECTED);
    assertThat(outcomes.get(0).rejection().code()).isEqualTo("malformed-json");
    assertThat(outcomes.get(2).rejection().code()).isEqualTo("unknown-device");
    assertThat(outcomes.get(3).rejection().field()).isEqualTo("/firmware");
    assertThat(outcomes.get(4).rejection().code()).isEqualTo("device-type-mismatch");
    assertThat(publisher.signals(Signal.Kind.ALERT)).hasSize(1);
  }

  @Test
  void handsAFireOffBeforeTheOrdinaryEventsOfItsBatch() {
    // when
    process(
        Events.sample("water-station-tds-high.json"),
        Events.sample("smoke-sensor-fire.json"),
        Events.sample("dustbin-full.json"));

    // then the fire went out alone, first
    assertThat(publisher.calls()).hasSize(2);
    assertThat(publisher.calls().get(0))
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.priority()).isEqualTo(Priority.EMERGENCY);
              assertThat(fire.correlationKey()).isEqualTo("smoke-sensor-0003:fire");
            });
    assertThat(publisher.calls().get(1))
        .extracting(Signal::alarmType)
        .containsExactlyInAnyOrder("tds", "fill-level");
  }

  @Test
  void failsOnlyTheEventsOfABatchWhoseHandOffFailedAndKeepsNoState() {
    // given
    publisher.failWith(new IllegalStateException("engine down"));

    // when
    List<Outcome> outcomes =
        process(Events.sample("dustbin-full.json"), Events.sample("poison-not-json.txt"));

    // then
    assertThat(outcomes)
        .extracting(Outcome::status)
        .containsExactly(Outcome.Status.FAILED, Outcome.Status.REJECTED);
    assertThat(store.eventCount()).isZero();
    assertThat(store.alarm("dustbin-0001", "fill-level")).isEmpty();

    // and a retry once the engine is back goes through
    publisher.failWith(null);
    assertThat(process(Events.sample("dustbin-full.json")))
        .extracting(Outcome::status)
        .containsExactly(Outcome.Status.ACCEPTED);
    assertThat(publisher.signals(Signal.Kind.ALERT)).hasSize(1);
  }

  @Test
  void rejectsAnEventWhoseSenderIsAnotherDevice() {
    // when
    Outcome outcome =
        processor.processOne(new IncomingEvent(Events.sample("dustbin-full.json"), "dustbin-0002"));

    // then
    assertThat(outcome.status()).isEqualTo(Outcome.Status.REJECTED);
    assertThat(outcome.rejection().code()).isEqualTo("device-mismatch");
  }

  @Test
  void coalescesRepeatsButKeepsTheOrderAroundAlertsAndRecoveries() {
    // given
    Signal alert = signal(Signal.Kind.ALERT, "a", 0);
    Signal r1 = signal(Signal.Kind.REPEAT, "b", 1);
    Signal r2 = signal(Signal.Kind.REPEAT, "c", 2);
    Signal recovery = signal(Signal.Kind.RECOVERY, "d", 2);
    Signal alertAgain = signal(Signal.Kind.ALERT, "e", 0);
    Signal r3 = signal(Signal.Kind.REPEAT, "f", 1);

    // when
    List<Signal> out =
        DeviceEventProcessor.coalesceRepeats(List.of(alert, r1, r2, recovery, alertAgain, r3));

    // then
    assertThat(out).containsExactly(alert, r2, recovery, alertAgain, r3);
  }

  private static Signal signal(Signal.Kind kind, String id, int count) {
    return new Signal(
        kind,
        "dustbin-0001",
        DeviceType.DUSTBIN,
        "fill-level",
        Priority.NORMAL,
        id,
        T0,
        count,
        "z",
        "l",
        "c");
  }
}
