package io.cityflow.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain package ({@code io.cityflow.devices}) imports no adapter technology. */
class DomainArchitectureTest {
  private static final Path DOMAIN = Path.of("src/main/java/io/cityflow/devices");
  private static final List<String> FORBIDDEN =
      List.of(
          "import java.sql.",
          "import javax.sql.",
          "import io.micronaut.",
          "import io.camunda.",
          "import com.amazonaws.",
          "import software.amazon.",
          "import org.eclipse.paho.",
          "import org.flywaydb.");

  @Test
  void domainTypesImportNoHttpJdbcCamundaAwsOrFramework() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.list(DOMAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(file)) {
          if (FORBIDDEN.stream().anyMatch(line::startsWith)) {
            violations.add(file.getFileName() + ": " + line);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
    assertThat(DOMAIN.resolve("DeviceEventProcessor.java")).exists();
  }
}
