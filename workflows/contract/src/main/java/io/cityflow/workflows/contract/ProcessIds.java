package io.cityflow.workflows.contract;

/** BPMN process ids of the deployed models in {@code workflows/bpmn}. */
public final class ProcessIds {
  private ProcessIds() {}

  public static final String HOTLINE_TICKET = "hotline-ticket";
  public static final String SMARTPHONE_APPROVAL = "smartphone-approval";
  public static final String COMMUNITY_SERVICE_REQUEST = "community-service-request";
  public static final String DEVICE_MAINTENANCE = "device-maintenance";
}
