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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sustained events per second through the handler core on PostgreSQL: parse, validate, de-duplicate
 * against the database, evaluate rules, batch the hand-off (to a counting publisher: the engine is
 * not part of this figure). 1 % of the events cross a threshold. Variants run interleaved, round
 * after round, so that they share the machine's load: the batch start as one statement per
 * operation (how the store began before) against the store's one statement, and one handler thread
 * against two (each handler owns half of the devices, as concurrent handlers of a busy city mostly
 * do). Prints one JSON line per variant and round. Run with {@code -Pbench}.
 */
@ExtendWith(PostgresExtension.class)
class DeviceEventThroughputBenchmark {
  private static final int DEVICES_PER_TYPE = Integer.getInteger("bench.devicesPerType", 2500);
  private static final int EVENTS = Integer.getInteger("bench.events", 100_000);
  private static final int WARMUP = Integer.getInteger("bench.warmup", 20_000);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
  private static final Instant CLOCK_BASE = Instant.now().minus(Duration.ofDays(2));
  private static final AtomicLong NEXT_OFFSET_MILLIS = new AtomicLong();

  private record Variant(int batchSize, boolean oneStatementPerOperation, int threads) {}

  @Test
  void measuresSustainedThroughput(PostgresDatabase database) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setUsername(database.user());
    config.setPassword(database.password());
    config.setMaximumPoolSize(2);
    List<Variant> variants =
        List.of(
            new Variant(500, true, 1),
            new Variant(500, false, 1),
            new Variant(500, false, 2),
            new Variant(100, true, 1),
            new Variant(100, false, 1));
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      DeviceSchema.migrate(dataSource);
      JdbcDeviceStore jdbc = new JdbcDeviceStore(dataSource);
      jdbc.register(DemoDevices.generate(DEVICES_PER_TYPE));
      for (Variant variant : variants) {
        run(jdbc, variant, WARMUP, false);
      }
      for (int round = 1; round <= ROUNDS; round++) {
        for (Variant variant : variants) {
          run(jdbc, variant, EVENTS, true);
        }
      }
    }
  }

  private void run(JdbcDeviceStore jdbc, Variant variant, int count, boolean report)
      throws Exception {
    TimedStore store = new TimedStore(jdbc, variant.oneStatementPerOperation());
    CountingPublisher publisher = new CountingPublisher();
    Clock clock = Clock.systemUTC();
    DeviceEventProcessor processor =
        new DeviceEventProcessor(
            new DeviceEventParser(clock, Duration.ofMinutes(5)),
            Events.defaultRules(),
            store,
            publisher,
            clock);
    int threads = variant.threads();
    List<List<String>> streams = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      streams.add(generate(count / threads, t, threads));
    }
    long bytes = streams.stream().flatMap(List::stream).mapToLong(String::length).sum();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<Integer>> accepted = new ArrayList<>();
    for (List<String> stream : streams) {
      accepted.add(pool.submit(() -> process(processor, stream, variant.batchSize())));
    }
    int total = 0;
    for (Future<Integer> f : accepted) {
      total += f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    int events = count / threads * threads;
    assertThat(total).isEqualTo(events);
    if (!report) {
      return;
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"benchmark\":\"device-events-throughput\",\"database\":\"postgresql\","
                + "\"batchStart\":\"%s\",\"batchSize\":%d,\"threads\":%d,\"events\":%d,"
                + "\"avgEventBytes\":%d,\"seconds\":%.2f,\"eventsPerSecond\":%.0f,"
                + "\"alerts\":%d,\"recoveries\":%d,\"handOffs\":%d,\"storeMillis\":%s,"
                + "\"load\":\"%s\",\"target\":20000}",
            variant.oneStatementPerOperation() ? "statementPerOperation" : "oneStatement",
            variant.batchSize(),
            threads,
            events,
            bytes / events,
            seconds,
            events / seconds,
            publisher.alerts.sum(),
            publisher.recoveries.sum(),
            publisher.calls.sum(),
            store.report(),
            loadAverage()));
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
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

  /**
   * Water-station readings of about 260 bytes from the devices numbered {@code part} modulo {@code
   * parts}; 1 % of them report a TDS above the threshold.
   */
  private static List<String> generate(int count, int part, int parts) {
    SplittableRandom random = new SplittableRandom(42L + NEXT_OFFSET_MILLIS.get() + part);
    Instant base = CLOCK_BASE.plusMillis(NEXT_OFFSET_MILLIS.getAndAdd(count * 5L + 1000));
    List<String> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int number = part + 1 + parts * random.nextInt(DEVICES_PER_TYPE / parts);
      String device = DemoDevices.idOf(DeviceType.WATER_STATION, number);
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
