package io.cityflow.workflows.contract;

/** BPMN error codes that workers throw and the models catch. */
public final class ErrorCodes {
  private ErrorCodes() {}

  /** The citizen did not supply the requested information in time. */
  public static final String INFORMATION_NOT_PROVIDED = "Err_InformationNotProvided";

  /** The case has no usable contact, so the citizen cannot be notified. */
  public static final String CITIZEN_UNREACHABLE = "Err_CitizenUnreachable";
}
