package io.cityflow.devices.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cityflow.devices.DemoDevices;
import io.cityflow.devices.Events;
import io.cityflow.devices.persistence.DeviceSchema;
import io.cityflow.devices.persistence.JdbcDeviceStore;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cold start, measured as whole processes side by side: the time from launching a JVM to the first
 * handled SQS event, for the Lambda handler ({@code SqsDeviceEventFunction}: wiring, PostgreSQL
 * connection and login, registry lookup, de-duplication write, rules, commit) and for a plain
 * aws-lambda-java-core handler that only parses the JSON. A third process, {@link
 * DriverFloorHandler}, only connects with the PostgreSQL driver and runs {@code select 1}: the
 * floor that any handler recording events in the database pays. Each runs from one jar, as Lambda
 * runs a function: ours from the deployment jar (so this runs after the package phase, under
 * failsafe), the plain one from its dependencies merged into one. Both run with Lambda's JVM flags,
 * without and with an AppCDS archive made by a training run, alternating. The handler migrates at
 * start, as on AWS ({@code cityflow.devices.migrate.enabled} is left at its default, true); the
 * database was migrated once before the runs, as a deployment's first start does, so each measured
 * start finds the scripts' fingerprint unchanged and skips Flyway, as every later cold start on AWS
 * does. A first, unmeasured start logs the classes it loads, to check that neither Flyway nor SLF4J
 * is among them. Prints one JSON line per variant, with the 1-minute load average at its end. Run
 * with {@code -Pbench}.
 */
@ExtendWith(PostgresExtension.class)
class ColdStartBenchmark {
  private static final int RUNS = Integer.getInteger("bench.coldStartRuns", 7);
  private static final String PLAIN = PlainSqsHandler.class.getName();
  private static final String HANDLER = "io.cityflow.devices.function.SqsDeviceEventFunction";
  private static final String FLOOR = DriverFloorHandler.class.getName();

  /** The plain handler's dependencies: the Lambda types and Jackson. */
  private static final Set<String> PLAIN_DEPENDENCIES =
      Set.of(
          "aws-lambda-java-core",
          "aws-lambda-java-events",
          "jackson-core",
          "jackson-databind",
          "jackson-annotations");

  private static final List<String> LAMBDA_FLAGS =
      List.of(
          "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

  private final Path work = Path.of("target", "cold-start").toAbsolutePath();

  @Test
  void comparesColdStartsWithAPlainHandler(PostgresDatabase database) throws Exception {
    Files.createDirectories(work);
    prepareDatabase(database);
    Path event = work.resolve("event.json");
    Files.writeString(
        event,
        Events.fill(
            "dustbin-0001",
            "cold-" + System.nanoTime(),
            java.time.Instant.now().minusSeconds(30),
            42));

    // Each handler runs from one jar, as Lambda runs it: ours from the deployment jar that the
    // shade plugin built in the package phase, the plain one from its few dependencies merged.
    String mains =
        jar(
            Path.of("target", "test-classes"),
            "io/cityflow/devices/bench/",
            work.resolve("mains.jar"));
    Path lambdaJar = Path.of("target", "device-events-lambda.jar").toAbsolutePath();
    assertThat(lambdaJar).as("run after the package phase").exists();
    String handlerClasspath = lambdaJar + File.pathSeparator + mains;
    List<Path> plainDependencies =
        Arrays.stream(
                Files.readString(Path.of("target", "runtime-classpath.txt"))
                    .strip()
                    .split(File.pathSeparator))
            .map(Path::of)
            .filter(j -> PLAIN_DEPENDENCIES.contains(artifact(j)))
            .toList();
    assertThat(plainDependencies).hasSameSizeAs(PLAIN_DEPENDENCIES);
    String plainClasspath =
        merge(plainDependencies, work.resolve("plain-handler.jar")) + File.pathSeparator + mains;
    List<String> handlerProps =
        List.of(
            "-Ddatasources.default.url=" + database.jdbcUrl(),
            "-Ddatasources.default.username=" + database.user(),
            "-Ddatasources.default.password=" + database.password());
    checkColdPath(handlerClasspath, handlerProps, event);

    for (boolean cds : new boolean[] {false, true}) {
      List<String> plainFlags = flags(cds, "plain");
      List<String> handlerFlags = concat(flags(cds, "handler"), handlerProps);
      List<String> floorFlags = concat(flags(cds, "floor"), handlerProps);
      if (cds) {
        train(plainClasspath, List.of(), "plain", PLAIN, event);
        train(handlerClasspath, handlerProps, "handler", HANDLER, event);
        train(handlerClasspath, handlerProps, "floor", FLOOR, event);
      }
      List<Long> plain = new ArrayList<>();
      List<Long> handler = new ArrayList<>();
      List<Long> floor = new ArrayList<>();
      launch(plainClasspath, plainFlags, PLAIN, event); // warms the file cache
      launch(handlerClasspath, handlerFlags, HANDLER, event);
      for (int i = 0; i < RUNS; i++) {
        rewriteEvent(event);
        plain.add(launch(plainClasspath, plainFlags, PLAIN, event));
        handler.add(launch(handlerClasspath, handlerFlags, HANDLER, event));
        floor.add(launch(handlerClasspath, floorFlags, FLOOR, event));
      }
      long p = median(plain);
      long h = median(handler);
      long f = median(floor);
      System.out.println(
          String.format(
              Locale.ROOT,
              "{\"benchmark\":\"device-events-cold-start\",\"appCds\":%s,\"runs\":%d,"
                  + "\"plainMedianMillis\":%d,\"handlerMedianMillis\":%d,\"ratio\":%.2f,"
                  + "\"floorMedianMillis\":%d,\"floorRatio\":%.2f,"
                  + "\"plainRuns\":%s,\"handlerRuns\":%s,\"floorRuns\":%s,\"load\":\"%s\","
                  + "\"target\":1.5}",
              cds,
              RUNS,
              p,
              h,
              (double) h / p,
              f,
              (double) f / p,
              plain,
              handler,
              floor,
              load()));
    }
  }

  /** A jar of the files under {@code prefix} in {@code root}. */
  private static String jar(Path root, String prefix, Path jar) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(root.resolve(prefix))) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(
            new JarEntry(root.relativize(file).toString().replace(File.separatorChar, '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return jar.toString();
  }

  /** One jar of the classes and resources of {@code jars}, as a shaded deployment jar is. */
  private static String merge(List<Path> jars, Path merged) throws IOException {
    Set<String> names = new HashSet<>();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(merged))) {
      for (Path jar : jars) {
        try (JarFile in = new JarFile(jar.toFile())) {
          for (JarEntry entry : Collections.list(in.entries())) {
            String name = entry.getName();
            if (entry.isDirectory()
                || name.equals("META-INF/MANIFEST.MF")
                || name.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")
                || !names.add(name)) {
              continue;
            }
            out.putNextEntry(new JarEntry(name));
            try (InputStream content = in.getInputStream(entry)) {
              content.transferTo(out);
            }
            out.closeEntry();
          }
        }
      }
    }
    return merged.toString();
  }

  /** The artifact id of a jar in a Maven repository: {@code <artifact>/<version>/<file>}. */
  private static String artifact(Path jar) {
    return jar.getParent().getParent().getFileName().toString();
  }

  private void prepareDatabase(PostgresDatabase database) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setUsername(database.user());
    config.setPassword(database.password());
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      // A deployment's first start: Flyway runs and records the scripts' fingerprint.
      assertThat(DeviceSchema.migrate(dataSource)).isPositive();
      new JdbcDeviceStore(dataSource).register(DemoDevices.generate(300));
    }
  }

  /**
   * One start, not measured, that logs the classes it loads: the migration took the fingerprint
   * path (no Flyway class) and nothing was logged, so SLF4J did not start (its provider would scan
   * the class path).
   */
  private void checkColdPath(String classpath, List<String> props, Path event) throws Exception {
    Path log = work.resolve("cold-path-classes.log");
    Files.deleteIfExists(log);
    List<String> flags = new ArrayList<>(LAMBDA_FLAGS);
    flags.add("-Xlog:class+load=info:file=" + log);
    flags.addAll(props);
    launch(classpath, flags, HANDLER, event);
    rewriteEvent(event);
    List<String> loaded = Files.readAllLines(log);
    assertThat(loaded).isNotEmpty();
    assertThat(loaded).noneMatch(line -> line.contains(" org.flywaydb."));
    assertThat(loaded).noneMatch(line -> line.contains(" org.slf4j."));
    assertThat(loaded)
        .anyMatch(line -> line.contains(" io.cityflow.schema.FingerprintedMigration "));
  }

  private void rewriteEvent(Path event) throws IOException {
    Files.writeString(
        event,
        Events.fill(
            "dustbin-0001",
            "cold-" + System.nanoTime(),
            java.time.Instant.now().minusSeconds(30),
            42));
  }

  private List<String> flags(boolean cds, String name) {
    List<String> flags = new ArrayList<>(LAMBDA_FLAGS);
    if (cds) {
      flags.add("-XX:SharedArchiveFile=" + work.resolve(name + ".jsa"));
    }
    return flags;
  }

  private void train(String classpath, List<String> props, String name, String handler, Path event)
      throws Exception {
    Path archive = work.resolve(name + ".jsa");
    Files.deleteIfExists(archive);
    List<String> flags = new ArrayList<>(LAMBDA_FLAGS);
    flags.add("-XX:ArchiveClassesAtExit=" + archive);
    flags.addAll(props);
    launch(classpath, flags, handler, event);
    assertThat(archive).exists();
  }

  private long launch(String classpath, List<String> flags, String handler, Path event)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.add("-cp");
    command.add(classpath);
    command.add(ColdStartMain.class.getName());
    command.add(handler);
    command.add(event.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    long start = System.nanoTime();
    Process process = builder.start();
    StringBuilder output = new StringBuilder();
    long handledAt = -1;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("handled") && handledAt < 0) {
          handledAt = System.nanoTime();
        }
        output.append(line).append('\n');
      }
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output.toString()).as(handler).contains("handled failures=0");
    return (handledAt - start) / 1_000_000;
  }

  /** The 1-minute load average, from {@code /proc/loadavg} where there is one. */
  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }
}
