package io.cityflow.cases;

/** What a staff member may do. Clerks and supervisors are limited to their departments. */
public enum StaffRole {
  CLERK,
  SUPERVISOR,
  PROCESS_OWNER,
  ADMIN
}
