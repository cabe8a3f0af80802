package io.cityflow.cases;

/** How urgent a case is; together with the type it sets the SLA target. */
public enum Priority {
  LOW,
  NORMAL,
  HIGH,
  URGENT
}
