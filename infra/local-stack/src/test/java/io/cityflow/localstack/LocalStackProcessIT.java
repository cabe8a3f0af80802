package io.cityflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.testsupport.FreePort;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged local stack the way the README tells people to, as a separate process. */
class LocalStackProcessIT {

  private static final Path JAR = Path.of("target", "local-stack.jar");

  @TempDir Path dataDir;

  @Test
  void startsReportsEveryPartUpAndStopsWithExitCodeZeroOnCtrlC() throws Exception {
    // given
    assertThat(JAR).as("the packaged jar (built by mvn package)").exists();
    int port = FreePort.next();
    int enginePort = FreePort.next();
    Process process =
        new ProcessBuilder(
                javaExecutable(),
                "-Dmicronaut.server.port=" + port,
                "-Ddatasources.default.url=jdbc:h2:file:" + dataDir.resolve("cityflow"),
                "-Dcityflow.engine.jdbc-url=jdbc:h2:file:" + dataDir.resolve("engine"),
                "-Dcityflow.engine.port=" + enginePort,
                "-jar",
                JAR.toString())
            .redirectErrorStream(true)
            .start();
    List<String> output = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                  output.add(line);
                  if (line.startsWith("CityFlow is ready")) {
                    ready.complete(null);
                  }
                }
              } catch (Exception e) {
                ready.completeExceptionally(e);
              }
            });
    reader.start();

    try {
      // when
      try {
        ready.get(90, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError(
            "not ready within 90 s; it printed:\n" + String.join("\n", output));
      }
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> definitions =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://localhost:" + enginePort + "/v2/process-definitions/search"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{}"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> portal =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      boolean exited = process.waitFor(30, TimeUnit.SECONDS);

      // then
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body())
          .contains("\"engine\"")
          .contains("\"workers\"")
          .contains("\"status\":\"UP\"")
          .doesNotContain("DOWN");
      assertThat(String.join("\n", output)).contains("http://localhost:" + port + "/health");
      assertThat(definitions.statusCode()).isEqualTo(200);
      assertThat(definitions.body())
          .as("the shipped models, deployed at start from the packaged jars")
          .contains("\"hotline-ticket\"")
          .contains("\"smartphone-approval\"")
          .contains("\"community-service-request\"")
          .contains("\"device-maintenance\"");
      assertThat(portal.statusCode()).isEqualTo(200);
      assertThat(portal.body()).containsIgnoringCase("<html");
      assertThat(exited).as("stopped within 30 s of Ctrl-C").isTrue();
      assertThat(process.exitValue()).isZero();
      assertThat(Files.list(dataDir)).as("the H2 file database").isNotEmpty();
    } finally {
      process.destroyForcibly();
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
