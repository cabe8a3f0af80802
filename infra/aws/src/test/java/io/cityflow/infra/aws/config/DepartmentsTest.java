package io.cityflow.infra.aws.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.cityflow.infra.aws.InfraApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DepartmentsTest {

  private static final Pattern INSERT =
      Pattern.compile(
          "insert into department\\s*\\([^)]*\\)\\s*values(.*?);",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern CODE = Pattern.compile("\\(\\s*'([A-Z0-9_]+)'");

  @Test
  void shouldHaveOneGroupPerDepartmentTheDatabaseIsSeededWith() throws IOException {
    // given the case database's migrations
    Path migrations =
        InfraApp.repositoryRoot(Path.of("").toAbsolutePath())
            .resolve("functions/case-core/src/main/resources/db/migration");
    assumeThat(migrations).as("case-core migrations not in this checkout").isDirectory();
    TreeSet<String> seeded = new TreeSet<>();
    try (Stream<Path> files = Files.list(migrations)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
        Matcher insert = INSERT.matcher(Files.readString(file));
        while (insert.find()) {
          Matcher code = CODE.matcher(insert.group(1));
          while (code.find()) {
            seeded.add(code.group(1));
          }
        }
      }
    }
    // then the user pool's department groups are exactly those departments
    assertThat(seeded).isNotEmpty();
    assertThat(Departments.CODES).containsExactlyInAnyOrderElementsOf(seeded);
  }
}
