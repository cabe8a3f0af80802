package io.cityflow.devices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Keeps the documented JSON Schema and the alert rules that validation uses in step. */
class EventSchemaDocumentTest {
  private static final Path SCHEMA = Path.of("../../docs/device-events.schema.json");

  @Test
  void documentsTheReadingsAndAlarmCodesTheRulesAllowPerDeviceType() throws Exception {
    Assumptions.assumeTrue(Files.exists(SCHEMA), "the docs folder is not beside this module");
    JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
    AlertRules rules = Events.defaultRules();

    for (JsonNode branch : schema.get("allOf")) {
      String type = branch.at("/if/properties/deviceType/const").asText();
      DeviceTypeRules typeRules = rules.of(DeviceType.fromWireName(type).orElseThrow());
      JsonNode then = branch.get("then").get("properties");

      assertThat(texts(then.at("/readings/propertyNames/enum")))
          .as("readings of %s", type)
          .isEqualTo(new TreeSet<>(typeRules.readings()));
      JsonNode alarm = then.get("alarm");
      Set<String> codes = alarm.isBoolean() ? Set.of() : texts(alarm.at("/properties/code/enum"));
      assertThat(codes)
          .as("alarm codes of %s", type)
          .isEqualTo(new TreeSet<>(typeRules.alarms().keySet()));
    }
    assertThat(texts(schema.at("/properties/deviceType/enum"))).hasSize(DeviceType.values().length);
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> values = new TreeSet<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
