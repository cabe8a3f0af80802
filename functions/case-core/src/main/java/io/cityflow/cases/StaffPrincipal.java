package io.cityflow.cases;

import java.util.Collection;
import java.util.Set;

/** The signed-in staff member acting on a case, as the token described them. */
public record StaffPrincipal(String username, Set<StaffRole> roles, Set<String> departments) {
  public StaffPrincipal {
    roles = Set.copyOf(roles);
    departments = Set.copyOf(departments);
  }

  public boolean has(StaffRole role) {
    return roles.contains(role);
  }

  /** Admins see every department; everybody else only their own. */
  public boolean worksIn(Collection<String> caseDepartments) {
    if (has(StaffRole.ADMIN)) {
      return true;
    }
    return caseDepartments.stream().anyMatch(departments::contains);
  }
}
