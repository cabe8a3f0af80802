package io.cityflow.cases;

/** The four kinds of public case the city runs. */
public enum CaseType {
  HOTLINE_TICKET("hotline-ticket"),
  APPROVAL_APPLICATION("smartphone-approval"),
  COMMUNITY_SERVICE_REQUEST("community-service-request"),
  DEVICE_MAINTENANCE("device-maintenance");

  private final String processId;

  CaseType(String processId) {
    this.processId = processId;
  }

  /** The BPMN process id that handles cases of this type (see workflows/contract ProcessIds). */
  public String processId() {
    return processId;
  }
}
