package io.cityflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain package imports no HTTP, JDBC, persistence, Camunda or AWS types. */
class DomainArchitectureTest {
  private static final List<String> FORBIDDEN =
      List.of(
          "import io.micronaut.http",
          "import java.sql",
          "import javax.sql",
          "import io.micronaut.data",
          "import io.micronaut.jdbc",
          "import io.camunda",
          "import software.amazon",
          "import com.amazonaws",
          "import io.cityflow.cases.persistence",
          "import io.cityflow.cases.api");

  @Test
  void domainSourcesImportNoAdapterTypes() throws IOException {
    Path domain = Path.of("src/main/java/io/cityflow/cases");
    List<Path> sources;
    try (Stream<Path> files = Files.list(domain)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(sources).hasSizeGreaterThan(20);
    for (Path source : sources) {
      String text = Files.readString(source);
      for (String forbidden : FORBIDDEN) {
        assertThat(text)
            .as(source.getFileName() + " must not " + forbidden)
            .doesNotContain(forbidden);
      }
    }
  }
}
