package io.cityflow.workflows.contract;

/** Job types of the service tasks in the models: {@code <area>.<verb>-<noun>}. */
public final class JobTypes {
  private JobTypes() {}

  public static final String CASES_UPDATE_STATUS = "cases.update-status";
  public static final String CASES_NOTIFY_CITIZEN = "cases.notify-citizen";
}
