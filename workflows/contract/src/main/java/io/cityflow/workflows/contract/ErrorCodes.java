package io.cityflow.workflows.contract;

/** BPMN error codes that workers throw and the models catch. */
public final class ErrorCodes {
  private ErrorCodes() {}
}
