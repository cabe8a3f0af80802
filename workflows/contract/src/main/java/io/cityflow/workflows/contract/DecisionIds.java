package io.cityflow.workflows.contract;

/** DMN decision ids of the tables in {@code workflows/dmn}. */
public final class DecisionIds {
  private DecisionIds() {}

  public static final String HOTLINE_ROUTING = "hotline-routing";
  public static final String APPROVAL_REQUIREMENTS = "approval-requirements";
  public static final String MAINTENANCE_PRIORITY = "maintenance-priority";
  public static final String COMMUNITY_ROUTING = "community-routing";
}
