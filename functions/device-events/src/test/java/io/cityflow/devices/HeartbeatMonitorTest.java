package io.cityflow.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HeartbeatMonitorTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private final InMemoryDeviceStore store = new InMemoryDeviceStore();
  private final RecordingPublisher publisher = new RecordingPublisher();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final DeviceEventProcessor processor =
      new DeviceEventProcessor(
          new DeviceEventParser(clock, Duration.ofMinutes(5)),
          Events.defaultRules(),
          store,
          publisher,
          clock);
  private final HeartbeatMonitor monitor =
      new HeartbeatMonitor(Events.defaultRules(), store, publisher, clock, Duration.ofDays(7), 100);

  @Test
  void marksASilentTrafficLightOfflineOnceAndRecoversItWhenItSpeaksAgain() {
    // given one light last heard ten minutes ago, one a minute ago, one never
    store.add("traffic-light-0001", DeviceType.TRAFFIC_LIGHT, "k");
    store.add("traffic-light-0002", DeviceType.TRAFFIC_LIGHT, "k");
    store.add("traffic-light-0003", DeviceType.TRAFFIC_LIGHT, "k");
    processor.process(
        java.util.List.of(
            IncomingEvent.of(
                Events.readings(
                    "traffic-light-0001",
                    "traffic-light",
                    "t1",
                    NOW.minusSeconds(600),
                    "{\"temperature\":20}")),
            IncomingEvent.of(
                Events.readings(
                    "traffic-light-0002",
                    "traffic-light",
                    "t2",
                    NOW.minusSeconds(60),
                    "{\"temperature\":20}"))));

    // when
    HeartbeatMonitor.Sweep first = monitor.sweep();
    HeartbeatMonitor.Sweep second = monitor.sweep();

    // then
    assertThat(first.offline()).isEqualTo(1);
    assertThat(second.offline()).isZero();
    assertThat(publisher.signals(Signal.Kind.ALERT))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.correlationKey()).isEqualTo("traffic-light-0001:offline");
              assertThat(s.priority()).isEqualTo(Priority.HIGH);
            });

    // and when it speaks again
    processor.processOne(
        IncomingEvent.of(
            Events.readings(
                "traffic-light-0001", "traffic-light", "t3", NOW, "{\"temperature\":21}")));
    assertThat(publisher.signals(Signal.Kind.RECOVERY))
        .extracting(Signal::correlationKey)
        .containsExactly("traffic-light-0001:offline");
  }

  @Test
  void keepsTheOfflineStateOfEverySilentDeviceOfATypeInOneSweep() {
    // given three smoke sensors last heard an hour ago (their type allows fifteen minutes)
    java.util.List<IncomingEvent> readings = new java.util.ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      String id = "smoke-sensor-000" + n;
      store.add(id, DeviceType.SMOKE_SENSOR, "k");
      readings.add(
          IncomingEvent.of(
              Events.readings(
                  id, "smoke-sensor", "s" + n, NOW.minusSeconds(3600), "{\"battery\":80}")));
    }
    processor.process(readings);

    // when
    HeartbeatMonitor.Sweep first = monitor.sweep();
    HeartbeatMonitor.Sweep second = monitor.sweep();

    // then all three went offline in the first sweep, each once
    assertThat(first.offline()).isEqualTo(3);
    assertThat(second.offline()).isZero();
    assertThat(publisher.signals(Signal.Kind.ALERT))
        .extracting(Signal::correlationKey)
        .containsExactlyInAnyOrder(
            "smoke-sensor-0001:offline", "smoke-sensor-0002:offline", "smoke-sensor-0003:offline");
  }
}
