package io.cityflow.cases.api.security;

import io.cityflow.cases.StaffPrincipal;
import io.cityflow.cases.StaffRole;
import io.micronaut.security.authentication.Authentication;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the staff member out of a validated token: roles from the roles claim ({@code roles}
 * locally, {@code cognito:groups} on AWS) and departments from the departments claim, which may be
 * a list or a comma-separated string (Cognito custom attributes are strings).
 */
public final class StaffPrincipals {
  public static final String DEPARTMENTS_CLAIM = "departments";
  private static final String COGNITO_DEPARTMENTS_CLAIM = "custom:departments";

  private StaffPrincipals() {}

  public static StaffPrincipal from(Authentication authentication) {
    Set<StaffRole> roles = new HashSet<>();
    for (String role : authentication.getRoles()) {
      try {
        roles.add(StaffRole.valueOf(role.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
      } catch (IllegalArgumentException unknownRole) {
        // Groups that are not CityFlow roles grant nothing.
      }
    }
    Object claim = authentication.getAttributes().get(DEPARTMENTS_CLAIM);
    if (claim == null) {
      claim = authentication.getAttributes().get(COGNITO_DEPARTMENTS_CLAIM);
    }
    return new StaffPrincipal(authentication.getName(), roles, departments(claim));
  }

  private static Set<String> departments(Object claim) {
    Set<String> departments = new HashSet<>();
    if (claim instanceof Collection<?> list) {
      list.forEach(d -> departments.add(String.valueOf(d).trim()));
    } else if (claim instanceof String text) {
      Arrays.stream(text.split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(departments::add);
    }
    return departments;
  }
}
