package io.cityflow.cases.camunda;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.cityflow.cases.CaseRuleViolation;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a model or form before it is deployed: BPMN must parse and pass the Zeebe model's
 * validation; a form must be form-js JSON with an id and components. The engine validates again on
 * deployment.
 */
@Singleton
public class ModelValidator {
  private final JsonMapper json;

  public ModelValidator(JsonMapper json) {
    this.json = json;
  }

  /** Throws {@link CaseRuleViolation} on field "file" (or "fileName") when it is not deployable. */
  public void check(String fileName, byte[] content) {
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".bpmn")) {
      checkBpmn(content);
    } else if (name.endsWith(".form")) {
      checkForm(content);
    } else if (!name.endsWith(".dmn")) {
      throw new CaseRuleViolation("fileName", "deploy .bpmn, .dmn or .form files");
    }
  }

  private static void checkBpmn(byte[] content) {
    try {
      BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
      Bpmn.validateModel(model);
    } catch (RuntimeException e) {
      throw new CaseRuleViolation("file", "not a valid BPMN model: " + e.getMessage());
    }
  }

  private void checkForm(byte[] content) {
    try {
      Map<String, Object> form =
          json.readValue(content, Argument.mapOf(String.class, Object.class));
      if (!(form.get("id") instanceof String) || !(form.get("components") instanceof List<?>)) {
        throw new CaseRuleViolation("file", "a form needs an \"id\" and a \"components\" list");
      }
    } catch (IOException e) {
      throw new CaseRuleViolation("file", "a form must be JSON");
    }
  }
}
