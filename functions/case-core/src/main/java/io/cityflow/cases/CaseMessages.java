package io.cityflow.cases;

import io.cityflow.workflows.contract.MessageNames;

/** The workflow messages the case side publishes, from the workflow contract. */
public final class CaseMessages {
  private CaseMessages() {}

  public static final String INFORMATION_PROVIDED = MessageNames.CITIZEN_INFORMATION_PROVIDED;
  public static final String CASE_RATED = MessageNames.CASE_RATED;
  public static final String CASE_TRANSFERRED = MessageNames.CASE_TRANSFERRED;

  /** Starts a {@code notify-citizen} instance for a notice outside any running process. */
  public static final String CITIZEN_NOTICE_REQUESTED = MessageNames.CITIZEN_NOTICE_REQUESTED;

  /**
   * The message that starts the process of a submitted case. A device fault reported through the
   * case API (not by the device itself) is handled as a hotline ticket routed to maintenance;
   * device alarms open device-maintenance instances through the device-events function.
   */
  public static String startMessage(CaseType type) {
    return switch (type) {
      case HOTLINE_TICKET, DEVICE_MAINTENANCE -> MessageNames.HOTLINE_TICKET_SUBMITTED;
      case APPROVAL_APPLICATION -> MessageNames.APPROVAL_APPLICATION_SUBMITTED;
      case COMMUNITY_SERVICE_REQUEST -> MessageNames.COMMUNITY_REQUEST_SUBMITTED;
    };
  }
}
