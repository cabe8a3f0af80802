package io.cityflow.cases.api.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Open311FormatsTest {

  @Test
  void writesListsWithTheirItemNamesAndEscapesText() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("key", "a<b & \"c\"");
    value.put("name", "Tom's\u0001 lamp");
    Map<String, Object> attribute = new LinkedHashMap<>();
    attribute.put("code", "district");
    attribute.put("required", true);
    attribute.put("values", List.of(value));

    String xml = Format.xml("attributes", List.of(attribute));

    assertThat(xml)
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><attributes><attribute><code>district</code>"
                + "<required>true</required><values><value><key>a&lt;b &amp; &quot;c&quot;</key>"
                + "<name>Tom&apos;s lamp</name></value></values></attribute></attributes>");
  }

  @Test
  void choosesTheRepresentationByExtension() {
    assertThat(Format.of("services.json")).isEqualTo(Format.JSON);
    assertThat(Format.of("hotline_water.xml")).isEqualTo(Format.XML);
    assertThat(Format.stem("hotline_water.xml")).isEqualTo("hotline_water");
    assertThatThrownBy(() -> Format.of("services.html")).isInstanceOf(Open311Failure.class);
  }

  @ParameterizedTest
  @CsvSource({
    "textfield, string",
    "textarea, text",
    "number, number",
    "datetime, datetime",
    "radio, singlevaluelist",
    "checkbox, singlevaluelist",
    "taglist, multivaluelist"
  })
  void mapsFormJsTypesToGeoReportDatatypes(String formJsType, String datatype) {
    assertThat(Open311Services.datatype(formJsType)).isEqualTo(datatype);
  }

  @Test
  void tidiesPhoneNumbersAndDerivesASubject() {
    assertThat(Open311Intake.phone("+86 139-1234 5678")).isEqualTo("13912345678");
    assertThat(Open311Intake.phone("0086 13912345678")).isEqualTo("13912345678");
    assertThat(Open311Intake.subjectFrom("  Lamp\n  out  ")).isEqualTo("Lamp out");
    String long_ = "word ".repeat(40);
    assertThat(Open311Intake.subjectFrom(long_)).endsWith("…").hasSizeLessThanOrEqualTo(80);
  }

  @ParameterizedTest
  @CsvSource({
    "formData.district, attribute[district]",
    "contact.phone, phone",
    "contact.name, first_name",
    "location.address, address_string",
    "subject, attribute[subject]",
    "description, description"
  })
  void namesIntakeProblemsByTheParameterThatCarriesThem(String field, String parameter) {
    assertThat(Open311Intake.parameterOf(field)).isEqualTo(parameter);
  }

  @Test
  void readsDecodedFormsKeepingRepeatedNames() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("a", "1");
    body.put("attribute[x][]", List.of("p", "q r"));

    Map<String, List<String>> form = Open311Controller.form(40, body);

    assertThat(form)
        .containsEntry("a", List.of("1"))
        .containsEntry("attribute[x][]", List.of("p", "q r"));
    assertThatThrownBy(() -> Open311Controller.form(70_000, body))
        .isInstanceOf(Open311Failure.class);
    assertThatThrownBy(() -> Open311Controller.form(0, Map.of()))
        .isInstanceOf(Open311Failure.class);
  }
}
