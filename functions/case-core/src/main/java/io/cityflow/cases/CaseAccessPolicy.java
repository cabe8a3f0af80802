package io.cityflow.cases;

/**
 * Who may read and act on a case: clerks and supervisors of one of its departments, and admins.
 * Process owners change models, not cases. Refusals look like "not found" so that staff cannot
 * probe other departments' references.
 */
public final class CaseAccessPolicy {
  private CaseAccessPolicy() {}

  public static boolean mayWork(StaffPrincipal staff, CityCase c) {
    boolean caseRole =
        staff.has(StaffRole.CLERK) || staff.has(StaffRole.SUPERVISOR) || staff.has(StaffRole.ADMIN);
    return caseRole && staff.worksIn(c.departments());
  }

  /** Throws {@link CaseNotFound} unless the staff member may work on the case. */
  public static void requireMayWork(StaffPrincipal staff, CityCase c) {
    if (!mayWork(staff, c)) {
      throw new CaseNotFound(c.reference().toString());
    }
  }
}
