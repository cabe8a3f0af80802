package io.cityflow.cases;

import java.util.List;
import java.util.Set;

/** A member of staff in the directory; the password hash is only used by the local sign-in. */
public record StaffMember(
    String username,
    String displayName,
    String passwordHash,
    Set<StaffRole> roles,
    List<String> departments,
    boolean active) {
  public StaffMember {
    roles = Set.copyOf(roles);
    departments = List.copyOf(departments);
  }
}
