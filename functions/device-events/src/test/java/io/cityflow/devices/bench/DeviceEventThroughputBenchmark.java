package io.cityflow.devices.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cityflow.devices.AlertPublisher;
import io.cityflow.devices.DemoDevices;
import io.cityflow.devices.DeviceEventParser;
import io.cityflow.devices.DeviceEventProcessor;
import io.cityflow.devices.DeviceType;
import io.cityflow.devices.Events;
import io.cityflow.devices.IncomingEvent;
import io.cityflow.devices.Outcome;
import io.cityflow.devices.Signal;
import io.cityflow.devices.persistence.DeviceSchema;
import io.cityflow.devices.persistence.JdbcDeviceStore;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sustained events per second through the handler core on PostgreSQL: parse, validate, de-duplicate
 * against the database, evaluate rules, batch the hand-off (to a counting publisher: the engine is
 * not part of this figure). 1 % of the events cross a threshold. Prints one JSON line per batch
 * size. Run with {@code -Pbench}.
 */
@ExtendWith(PostgresExtension.class)
class DeviceEventThroughputBenchmark {
  private static final int DEVICES_PER_TYPE = Integer.getInteger("bench.devicesPerType", 2500);
  private static final int EVENTS = Integer.getInteger("bench.events", 300_000);
  private static final Instant CLOCK_BASE = Instant.now().minus(Duration.ofDays(2));
  private static final java.util.concurrent.atomic.AtomicLong NEXT_OFFSET_MILLIS =
      new java.util.concurrent.atomic.AtomicLong();
  private static final int WARMUP = Integer.getInteger("bench.warmup", 60_000);

  @Test
  void measuresSustainedThroughput(PostgresDatabase database) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setUsername(database.user());
    config.setPassword(database.password());
    config.setMaximumPoolSize(2);
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      DeviceSchema.migrate(dataSource);
      TimedStore store = new TimedStore(new JdbcDeviceStore(dataSource));
      store.register(DemoDevices.generate(DEVICES_PER_TYPE));
      for (int batchSize : new int[] {500, 100, 10}) {
        run(store, batchSize);
      }
    }
  }

  private void run(TimedStore store, int batchSize) {
    CountingPublisher publisher = new CountingPublisher();
    Clock clock = Clock.systemUTC();
    DeviceEventProcessor processor =
        new DeviceEventProcessor(
            new DeviceEventParser(clock, Duration.ofMinutes(5)),
            Events.defaultRules(),
            store,
            publisher,
            clock);
    int measured = batchSize == 10 ? EVENTS / 5 : EVENTS;
    List<String> events = generate(WARMUP + measured, batchSize);
    long bytes = events.stream().mapToLong(String::length).sum();

    process(processor, events.subList(0, WARMUP), batchSize);
    publisher.reset();
    store.reset();
    long start = System.nanoTime();
    int accepted = process(processor, events.subList(WARMUP, events.size()), batchSize);
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(accepted).isEqualTo(measured);
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"benchmark\":\"device-events-throughput\",\"database\":\"postgresql\","
                + "\"batchSize\":%d,\"events\":%d,\"avgEventBytes\":%d,\"seconds\":%.2f,"
                + "\"eventsPerSecond\":%.0f,\"alerts\":%d,\"recoveries\":%d,\"handOffs\":%d,"
                + "\"threads\":1,\"storeMillis\":%s,\"target\":20000}",
            batchSize,
            measured,
            bytes / events.size(),
            seconds,
            measured / seconds,
            publisher.alerts.sum(),
            publisher.recoveries.sum(),
            publisher.calls.sum(),
            store.report()));
  }

  private static int process(DeviceEventProcessor processor, List<String> events, int batchSize) {
    int accepted = 0;
    List<IncomingEvent> batch = new ArrayList<>(batchSize);
    for (int i = 0; i < events.size(); i += batchSize) {
      batch.clear();
      for (String body : events.subList(i, Math.min(events.size(), i + batchSize))) {
        batch.add(IncomingEvent.of(body));
      }
      for (Outcome outcome : processor.process(batch)) {
        if (outcome.status() == Outcome.Status.ACCEPTED) {
          accepted++;
        }
      }
    }
    return accepted;
  }

  /** Water-station readings of about 300 bytes; 1 % of them report a TDS above the threshold. */
  private static List<String> generate(int count, int salt) {
    SplittableRandom random = new SplittableRandom(42L + salt);
    Instant base = CLOCK_BASE.plusMillis(NEXT_OFFSET_MILLIS.getAndAdd(count * 5L + 1000));
    List<String> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String device =
          DemoDevices.idOf(DeviceType.WATER_STATION, 1 + random.nextInt(DEVICES_PER_TYPE));
      boolean alert = random.nextInt(100) == 0;
      double tds = alert ? 520 + random.nextInt(200) : 180 + random.nextInt(200);
      String readings =
          String.format(
              Locale.ROOT,
              "{\"tds\":%.1f,\"filterPressureDrop\":%.2f,\"flowRate\":%.3f,"
                  + "\"temperature\":%.2f,\"leak\":false}",
              tds,
              20 + random.nextDouble() * 30,
              random.nextDouble() * 5,
              8 + random.nextDouble() * 10);
      events.add(
          Events.readings(
              device,
              "water-station",
              UUID.randomUUID().toString(),
              base.plusMillis(i * 5L),
              readings));
    }
    return events;
  }

  private static final class CountingPublisher implements AlertPublisher {
    final LongAdder alerts = new LongAdder();
    final LongAdder recoveries = new LongAdder();
    final LongAdder calls = new LongAdder();

    @Override
    public void publish(List<Signal> signals) {
      calls.increment();
      for (Signal signal : signals) {
        if (signal.kind() == Signal.Kind.ALERT) {
          alerts.increment();
        } else if (signal.kind() == Signal.Kind.RECOVERY) {
          recoveries.increment();
        }
      }
    }

    void reset() {
      alerts.reset();
      recoveries.reset();
      calls.reset();
    }
  }
}
