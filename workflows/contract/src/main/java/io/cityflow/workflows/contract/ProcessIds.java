package io.cityflow.workflows.contract;

/** BPMN process ids of the deployed models in {@code workflows/bpmn}. */
public final class ProcessIds {
  private ProcessIds() {}

  public static final String HOTLINE_TICKET = "hotline-ticket";

  /** One department's share of a split hotline ticket; called by {@code hotline-ticket}. */
  public static final String HOTLINE_CHILD_TICKET = "hotline-child-ticket";

  public static final String SMARTPHONE_APPROVAL = "smartphone-approval";
  public static final String COMMUNITY_SERVICE_REQUEST = "community-service-request";
  public static final String DEVICE_MAINTENANCE = "device-maintenance";

  /** Shared call activity: tell the citizen something, by SMS or e-mail. */
  public static final String NOTIFY_CITIZEN = "notify-citizen";

  /** Shared call activity: ask the citizen for more information and wait for the answer. */
  public static final String REQUEST_INFORMATION = "request-information";

  /** Daily sweep that reminds certificate holders before their certificate expires. */
  public static final String CERTIFICATE_EXPIRY_REMINDERS = "certificate-expiry-reminders";
}
