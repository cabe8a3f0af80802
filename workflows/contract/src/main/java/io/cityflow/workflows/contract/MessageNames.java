package io.cityflow.workflows.contract;

/**
 * BPMN message names. Each constant says who publishes the message and what its correlation key is.
 */
public final class MessageNames {
  private MessageNames() {}

  /**
   * Starts the process of a submitted case. Published by the case outbox dispatcher; correlation
   * key = case id, message id = case id.
   */
  public static final String CASE_SUBMITTED = "Msg_CaseSubmitted";

  /**
   * A device raised an alarm. Published by the device-events function; correlation key = {@code
   * deviceId:alarmType}, message id = the device event id. Starts a {@code device-maintenance}
   * instance, or is counted as a repeat by the open one.
   */
  public static final String DEVICE_ALERT = "Msg_DeviceAlert";

  /**
   * A device reported that the alarm condition has cleared. Published by the device-events
   * function; correlation key = {@code deviceId:alarmType}, message id = the device event id.
   */
  public static final String DEVICE_RECOVERED = "Msg_DeviceRecovered";

  /** The correlation key of the device messages for one device and alarm type. */
  public static String deviceCorrelationKey(String deviceId, String alarmType) {
    return deviceId + ":" + alarmType;
  }
}
