package io.cityflow.engine.model;

/** The BPMN element kinds this engine executes; everything else is rejected at deployment. */
public enum ElementKind {
  START_EVENT,
  MESSAGE_START_EVENT,
  END_EVENT,
  SERVICE_TASK,
  USER_TASK,
  SCRIPT_TASK,
  EXCLUSIVE_GATEWAY,
  PARALLEL_GATEWAY,
  MESSAGE_CATCH_EVENT,
  TIMER_CATCH_EVENT
}
