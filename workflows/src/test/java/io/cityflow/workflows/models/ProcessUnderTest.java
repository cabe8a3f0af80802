package io.cityflow.workflows.models;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a {@code *ProcessTest} class: its tests drive the model {@link #value()} (a process id of
 * {@code bpmn/}) through the real Camunda client against a local engine of the class's own, and
 * when the whole class has run, every sequence flow of that model must have been taken.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ProcessEngineExtension.class)
public @interface ProcessUnderTest {
  /** The process id of the model whose flow coverage the class answers for. */
  String value();
}
