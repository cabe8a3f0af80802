package io.cityflow.cases.opening;

/**
 * What the maintenance-priority decision table said about an alarm.
 *
 * @param priority {@code EMERGENCY}, {@code URGENT}, {@code HIGH} or {@code NORMAL}
 * @param slaHours hours until the repair is due: clock hours for emergencies, working hours else
 */
public record MaintenanceDecision(String priority, int slaHours, String department) {

  public boolean isEmergency() {
    return "EMERGENCY".equals(priority);
  }
}
