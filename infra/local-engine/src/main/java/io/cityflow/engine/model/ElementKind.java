package io.cityflow.engine.model;

/** The BPMN element kinds this engine executes; everything else is rejected at deployment. */
public enum ElementKind {
  START_EVENT,
  MESSAGE_START_EVENT,
  SIGNAL_START_EVENT,
  TIMER_START_EVENT,
  /** The start event of an event subprocess: message, timer, signal or error. */
  EVENT_SUB_START_EVENT,
  END_EVENT,
  ERROR_END_EVENT,
  TERMINATE_END_EVENT,
  SERVICE_TASK,
  USER_TASK,
  SCRIPT_TASK,
  BUSINESS_RULE_TASK,
  SUB_PROCESS,
  EVENT_SUB_PROCESS,
  CALL_ACTIVITY,
  EXCLUSIVE_GATEWAY,
  PARALLEL_GATEWAY,
  INCLUSIVE_GATEWAY,
  EVENT_BASED_GATEWAY,
  MESSAGE_CATCH_EVENT,
  TIMER_CATCH_EVENT,
  SIGNAL_CATCH_EVENT,
  BOUNDARY_EVENT
}
