package io.cityflow.workflows.contract;

/**
 * BPMN message names. Each constant says who publishes the message and what its correlation key is.
 *
 * <p>Each case type starts from a message of its own: in Camunda 8 one published message starts an
 * instance of every process whose start event listens for that name.
 */
public final class MessageNames {
  private MessageNames() {}

  /**
   * Starts a {@code hotline-ticket}. Published by the case outbox dispatcher; correlation key =
   * case id, message id = case id.
   */
  public static final String HOTLINE_TICKET_SUBMITTED = "Msg_HotlineTicketSubmitted";

  /** Starts a {@code smartphone-approval}; published like {@link #HOTLINE_TICKET_SUBMITTED}. */
  public static final String APPROVAL_APPLICATION_SUBMITTED = "Msg_ApprovalApplicationSubmitted";

  /**
   * Starts a {@code community-service-request}; published like {@link #HOTLINE_TICKET_SUBMITTED}.
   */
  public static final String COMMUNITY_REQUEST_SUBMITTED = "Msg_CommunityRequestSubmitted";

  /**
   * The citizen answered a request for more information. Published by the case API; correlation key
   * = case id.
   */
  public static final String CITIZEN_INFORMATION_PROVIDED = "Msg_CitizenInformationProvided";

  /** The citizen rated the outcome. Published by the case API; correlation key = case id. */
  public static final String CASE_RATED = "Msg_CaseRated";

  /**
   * A clerk transferred the case to another department. Published by the case API; correlation key
   * = case id.
   */
  public static final String CASE_TRANSFERRED = "Msg_CaseTransferred";

  /**
   * The case side asks for one notice to the citizen outside any running process (a revoked
   * certificate). Starts a {@code notify-citizen} instance; variables as a caller of that process
   * passes them ({@code caseId}, {@code template} and the template's fields). Published by the case
   * outbox dispatcher; correlation key = message id = one per notice, so that a repeated publish
   * sends nothing more and notices of one case never wait for each other.
   */
  public static final String CITIZEN_NOTICE_REQUESTED = "Msg_CitizenNoticeRequested";

  /**
   * A device raised an alarm. Published by the device-events function; correlation key = {@code
   * deviceId:alarmType}, message id = the device event id. Starts a {@code device-maintenance}
   * instance.
   */
  public static final String DEVICE_ALERT = "Msg_DeviceAlert";

  /**
   * The same alarm again while its maintenance case is open. Published by the device-events
   * function; correlation key = {@code deviceId:alarmType}, message id = the device event id.
   */
  public static final String DEVICE_ALERT_REPEATED = "Msg_DeviceAlertRepeated";

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
