package io.cityflow.cases;

import java.util.Optional;

/** Port: the citizen start form of each case type (Camunda forms shipped with the models). */
public interface StartForms {
  /** The start form of {@code type}; empty when citizens cannot start that type. */
  Optional<FormSchema> startForm(CaseType type);
}
