package io.cityflow.cases.api.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deployment jar itself (built at {@code package}, run at {@code verify}) starts the handler
 * the way Lambda does, with nothing else on the classpath, and answers API Gateway events. This
 * catches what the in-JVM test cannot: a dependency the tests bring but the jar lacks.
 */
class CaseApiLambdaJarIT {

  private static final Path JAR = Path.of("target/case-api-lambda.jar");
  private static final Path DRIVER = Path.of("src/test/resources/lambda-jar/InvokeWithEvent.java");
  private static final Path EVENT = Path.of("src/test/resources/events/apigw-get-health.json");

  @Test
  void theLambdaJarAnswersARecordedEventOnItsOwnClasspath() throws Exception {
    // given the built jar and a JVM with only that jar on its classpath, on an in-memory database
    assertThat(JAR).exists();
    Path output = Files.createTempFile("case-api-lambda-jar", ".log");
    ProcessBuilder launch =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    JAR.toString(),
                    DRIVER.toString(),
                    EVENT.toString(),
                    "/api/staff/me"))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    launch.environment().put("DATASOURCES_DEFAULT_URL", "jdbc:h2:mem:lambda-jar;DB_CLOSE_DELAY=-1");

    // when the handler gets the recorded GET /health event, then the same event for a staff page
    Process process = launch.start();
    boolean exited = process.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String log = Files.readString(output, StandardCharsets.UTF_8);
    Files.deleteIfExists(output);

    // then the health report names the H2 database as up (the engine may be absent here), and the
    // staff page asks for a token
    assertThat(exited).as("handler exited within 120 s; output:%n%s", log).isTrue();
    assertThat(process.exitValue()).as("exit code; output:%n%s", log).isZero();
    assertThat(log)
        .contains("RECORDED BODY {")
        .contains("\"database\":{\"name\":\"cityflow\",\"status\":\"UP\"")
        .contains("\"product\":\"H2\"")
        .contains("OTHER STATUS 401");
  }
}
