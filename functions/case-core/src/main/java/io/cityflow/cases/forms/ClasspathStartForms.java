package io.cityflow.cases.forms;

import io.cityflow.cases.CaseType;
import io.cityflow.cases.FormSchema;
import io.cityflow.cases.StartForms;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The start forms from the classpath ({@code forms/<process id>-start.form}, packaged by the {@code
 * forms} module), read once.
 */
@Singleton
class ClasspathStartForms implements StartForms {
  private final Map<CaseType, FormSchema> forms = new EnumMap<>(CaseType.class);

  ClasspathStartForms(JsonMapper json) {
    for (CaseType type : CaseType.values()) {
      String resource = "forms/" + type.processId() + "-start.form";
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
        if (in != null) {
          forms.put(
              type,
              FormSchema.fromJson(
                  json.readValue(in.readAllBytes(), Argument.mapOf(String.class, Object.class))));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
  }

  @Override
  public Optional<FormSchema> startForm(CaseType type) {
    return Optional.ofNullable(forms.get(type));
  }
}
