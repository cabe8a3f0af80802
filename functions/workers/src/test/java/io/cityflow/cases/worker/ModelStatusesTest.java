package io.cityflow.cases.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.notification.NoticeTemplates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The literals the models hand to the workers are ones the workers know: every status given to
 * {@code cases.update-status} is a case status, every notice template exists.
 */
class ModelStatusesTest {

  private static Set<String> literalsFor(String target) throws IOException {
    Pattern input = Pattern.compile("source='=\"([A-Z_]+)\"' target=\"" + target + "\"");
    Set<String> used = new TreeSet<>();
    try (Stream<Path> models = Files.list(Path.of("../../workflows/bpmn"))) {
      for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        Matcher m = input.matcher(Files.readString(model));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    return used;
  }

  @Test
  void everyTemplateTheModelsUseExists() throws IOException {
    Set<String> used = literalsFor("template");

    assertThat(used).contains("TICKET_REPLY", "INFORMATION_REQUESTED", "APPLICATION_APPROVED");
    for (String template : used) {
      assertThat(NoticeTemplates.render(template, Map.of()).body()).isNotBlank();
    }
  }

  @Test
  void theModelsSetOnlyKnownStatuses() throws IOException {
    Set<String> used = literalsFor("status");

    List<String> known = Arrays.stream(CaseStatus.values()).map(Enum::name).toList();
    assertThat(used)
        .isNotEmpty()
        .containsAll(List.of("ROUTED", "WAITING_FOR_CITIZEN", "IN_PROGRESS", "CLOSED"));
    assertThat(known).containsAll(used);
  }
}
