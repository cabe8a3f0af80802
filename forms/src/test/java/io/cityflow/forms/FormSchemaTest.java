package io.cityflow.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every form is a Camunda 8.9 form-js schema that the task list and the start pages can use. */
class FormSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> INPUT_TYPES =
      Set.of(
          "textfield",
          "textarea",
          "number",
          "select",
          "radio",
          "checkbox",
          "checklist",
          "taglist",
          "datetime",
          "filepicker");
  private static final Set<String> CHOICE_TYPES = Set.of("select", "radio", "checklist", "taglist");

  static List<Path> forms() {
    try (Stream<Path> files = Files.list(Path.of("."))) {
      return files.filter(p -> p.toString().endsWith(".form")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyStartAndTaskFormExists() {
    List<String> ids = forms().stream().map(FormSchemaTest::baseName).toList();

    assertThat(ids)
        .contains(
            "hotline-ticket-start",
            "smartphone-approval-start",
            "community-service-request-start",
            "handle-ticket",
            "review-application",
            "dispatch-technician",
            "repair-report",
            "supervisor-escalation",
            "incident-commander");
  }

  @ParameterizedTest
  @MethodSource("forms")
  void formIsACamunda89SchemaWhoseIdIsItsFileName(Path form) {
    JsonNode schema = read(form);

    assertThat(schema.path("id").asText()).isEqualTo(baseName(form));
    assertThat(schema.path("type").asText()).isEqualTo("default");
    assertThat(schema.path("executionPlatform").asText()).isEqualTo("Camunda Cloud");
    assertThat(schema.path("executionPlatformVersion").asText()).isEqualTo("8.9.0");
    assertThat(schema.path("schemaVersion").asInt()).isBetween(16, 18);
    assertThat(schema.path("components").isArray()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("forms")
  void componentIdsAndKeysAreUniqueAndKeysAreCamelCase(Path form) {
    List<JsonNode> components = components(read(form));
    Set<String> ids = new HashSet<>();
    Set<String> keys = new HashSet<>();

    for (JsonNode component : components) {
      assertThat(ids.add(component.path("id").asText())).as("unique id").isTrue();
      if (INPUT_TYPES.contains(component.path("type").asText())) {
        String key = component.path("key").asText();
        assertThat(key).matches("[a-z][A-Za-z0-9]*");
        assertThat(keys.add(key)).as("unique key %s", key).isTrue();
        assertThat(component.path("label").asText()).isNotBlank();
      }
    }
    assertThat(keys).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("forms")
  void choicesOfferValuesAndPatternsAreValid(Path form) {
    for (JsonNode component : components(read(form))) {
      if (CHOICE_TYPES.contains(component.path("type").asText())) {
        boolean listed = component.path("values").size() > 0;
        boolean computed = component.path("valuesExpression").asText().startsWith("=");
        assertThat(listed || computed).as("values of %s", component.path("key")).isTrue();
      }
      JsonNode pattern = component.path("validate").path("pattern");
      if (!pattern.isMissingNode()) {
        assertThat(Pattern.compile(pattern.asText())).isNotNull();
      }
    }
  }

  @Test
  void phoneFieldsAcceptMainlandMobileNumbersOnly() {
    Pattern phone = pattern("hotline-ticket-start", "contactPhone");

    assertThat(phone.matcher("13912345678").matches()).isTrue();
    assertThat(phone.matcher("19900001111").matches()).isTrue();
    assertThat(phone.matcher("12912345678").matches()).isFalse();
    assertThat(phone.matcher("1391234567").matches()).isFalse();
    assertThat(phone.matcher("139-1234-5678").matches()).isFalse();
  }

  @Test
  void identityCardFieldAcceptsEighteenCharacterNumbersOnly() {
    Pattern idCard = pattern("smartphone-approval-start", "idNumber");

    assertThat(idCard.matcher("64010419900307123X").matches()).isTrue();
    assertThat(idCard.matcher("640104199003071234").matches()).isTrue();
    assertThat(idCard.matcher("640104199013071234").matches()).as("month 13").isFalse();
    assertThat(idCard.matcher("64010419900307123").matches()).as("17 characters").isFalse();
    assertThat(idCard.matcher("040104199003071234").matches()).as("leading zero").isFalse();
  }

  @Test
  void startFormsRequireTheFieldsACaseNeeds() {
    for (String form :
        List.of(
            "hotline-ticket-start",
            "smartphone-approval-start",
            "community-service-request-start")) {
      assertThat(requiredKeys(form))
          .as(form)
          .contains("category", "subject", "description", "contactName", "contactPhone");
    }
  }

  private static Pattern pattern(String form, String key) {
    return components(read(Path.of(form + ".form"))).stream()
        .filter(c -> key.equals(c.path("key").asText()))
        .map(c -> Pattern.compile(c.path("validate").path("pattern").asText()))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> requiredKeys(String form) {
    return components(read(Path.of(form + ".form"))).stream()
        .filter(c -> c.path("validate").path("required").asBoolean())
        .map(c -> c.path("key").asText())
        .toList();
  }

  private static List<JsonNode> components(JsonNode schema) {
    List<JsonNode> all = new ArrayList<>();
    collect(schema.path("components"), all);
    return all;
  }

  private static void collect(JsonNode components, List<JsonNode> into) {
    for (JsonNode component : components) {
      into.add(component);
      collect(component.path("components"), into);
    }
  }

  private static JsonNode read(Path form) {
    try {
      return JSON.readTree(form.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".form".length());
  }
}
