package io.cityflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How long {@link LocalEngineMain} takes from the start of its process to its first answers: the
 * first successful {@code GET /v2/topology}, and the first process instance created and committed
 * (which evaluates FEEL, so it also waits for anything the start left to warm up). Each run is a
 * new JVM on the engine's runtime class path, on a database that already holds eight processes (a
 * developer's {@code ./data}) and on a new one (which Flyway migrates first). Run with {@code
 * -Pbench}; prints one JSON line.
 */
class StartupBenchmark {

  private static final int RUNS = 7;
  private static final long TARGET_MILLIS = 2000;
  private static final String[] RESOURCES = {
    "forms/review-form.form",
    "bpmn/all-elements.bpmn",
    "bpmn/gateway.bpmn",
    "bpmn/service-user.bpmn",
    "bpmn/job.bpmn",
    "bpmn/parallel.bpmn",
    "bpmn/message-catch.bpmn",
    "bpmn/timer-date.bpmn",
    "bpmn/start-form.bpmn"
  };

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private record Run(long topologyMillis, long firstInstanceMillis) {}

  @Test
  void measuresTimeToFirstTopologyAndFirstInstance() throws Exception {
    Path existing = Files.createTempDirectory("engine-start");
    try (LocalEngine engine = LocalEngine.start(LocalEngineConfig.h2File(existing.toString(), 0))) {
      EngineTestSupport.deploy(engine.engine(), RESOURCES);
    }
    List<Run> existingRuns = new ArrayList<>();
    List<Run> newRuns = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      // Alternating the two kinds spreads the machine's noise over both.
      existingRuns.add(startOnce(existing, false));
      Path fresh = Files.createTempDirectory("engine-start-new");
      newRuns.add(startOnce(fresh, true));
      delete(fresh);
    }
    delete(existing);

    assertThat(existingRuns).allMatch(r -> r.firstInstanceMillis() >= r.topologyMillis());
    System.out.printf(
        Locale.ROOT,
        "{\"benchmark\":\"engine-start\",\"runs\":%d,"
            + "\"existingDatabase\":{\"processes\":8,%s},\"newDatabase\":{%s},"
            + "\"targetMillis\":%d,\"cpus\":%d}%n",
        RUNS,
        json(existingRuns),
        json(newRuns),
        TARGET_MILLIS,
        Runtime.getRuntime().availableProcessors());
  }

  /** Starts the engine as a process, waits for its answers, and stops it. */
  private Run startOnce(Path directory, boolean deploy) throws Exception {
    int port = freePort();
    URI base = URI.create("http://127.0.0.1:" + port + "/v2/");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty(
                    "engine.runtime.classpath", System.getProperty("java.class.path")),
                "-Dengine.port=" + port,
                "-Dengine.jdbc.url=jdbc:h2:file:" + directory + "/engine;DB_CLOSE_ON_EXIT=FALSE",
                LocalEngineMain.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    long started = System.nanoTime();
    Process process = builder.start();
    try {
      waitForTopology(base, process);
      long topology = millisSince(started);
      if (deploy) {
        // A new database has no processes: the first command deploys one instead.
        deploy(base, "bpmn/gateway.bpmn");
      }
      send(
          base,
          "process-instances",
          "application/json",
          "{\"processDefinitionId\":\"gateway\",\"variables\":{\"amount\":500}}"
              .getBytes(StandardCharsets.UTF_8));
      return new Run(topology, millisSince(started));
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private void waitForTopology(URI base, Process process) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("topology")).GET().build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The engine exited with " + process.exitValue());
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (ConnectException e) {
        // Not listening yet.
      }
      Thread.sleep(2);
    }
    throw new IllegalStateException("The engine did not answer its topology within 60 s");
  }

  private void send(URI base, String path, String contentType, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.body());
    }
  }

  /** A multipart deployment of one resource. */
  private void deploy(URI base, String path) throws Exception {
    String boundary = "engine-start-boundary";
    String name = path.substring(path.lastIndexOf('/') + 1);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"resources\"; filename=\""
                + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(EngineTestSupport.resource(path).content());
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    send(base, "deployments", "multipart/form-data; boundary=" + boundary, body.toByteArray());
  }

  private static void delete(Path directory) throws IOException {
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static String json(List<Run> runs) {
    List<Long> topology = runs.stream().map(Run::topologyMillis).toList();
    List<Long> instance = runs.stream().map(Run::firstInstanceMillis).toList();
    return String.format(
        Locale.ROOT,
        "\"topologyMedianMillis\":%d,\"firstInstanceMedianMillis\":%d,"
            + "\"topologyRuns\":%s,\"firstInstanceRuns\":%s",
        median(topology),
        median(instance),
        topology,
        instance);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
