package io.cityflow.devices.camunda;

import io.cityflow.devices.Signal;
import io.cityflow.workflows.contract.MessageNames;

/** Which BPMN message each signal becomes. */
final class DeviceMessages {

  /**
   * A repeat of an open alert, correlated to the open {@code device-maintenance} instance; message
   * id = the id of the newest repeating event. Requested for the workflow contract as {@code
   * MessageNames.DEVICE_ALERT_REPEATED}; kept here until it is there.
   */
  static final String DEVICE_ALERT_REPEATED = "Msg_DeviceAlertRepeated";

  private DeviceMessages() {}

  static String nameOf(Signal.Kind kind) {
    return switch (kind) {
      case ALERT -> MessageNames.DEVICE_ALERT;
      case REPEAT -> DEVICE_ALERT_REPEATED;
      case RECOVERY -> MessageNames.DEVICE_RECOVERED;
    };
  }
}
