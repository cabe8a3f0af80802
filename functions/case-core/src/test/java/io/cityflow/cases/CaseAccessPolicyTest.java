package io.cityflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CaseAccessPolicyTest {
  private final CityCase waterCase = CaseFixtures.hotlineTicket();

  private static StaffPrincipal staff(StaffRole role, String... departments) {
    return new StaffPrincipal("u", Set.of(role), Set.of(departments));
  }

  @Test
  void aClerkOfTheCasesDepartmentMayWorkOnIt() {
    assertThat(CaseAccessPolicy.mayWork(staff(StaffRole.CLERK, "WATER_SUPPLY"), waterCase))
        .isTrue();
  }

  @Test
  void aClerkOfAnotherDepartmentMayNot() {
    assertThat(CaseAccessPolicy.mayWork(staff(StaffRole.CLERK, "TRAFFIC_POLICE"), waterCase))
        .isFalse();
  }

  @Test
  void aProcessOwnerMayNotWorkOnCasesEvenInTheDepartment() {
    assertThat(CaseAccessPolicy.mayWork(staff(StaffRole.PROCESS_OWNER, "WATER_SUPPLY"), waterCase))
        .isFalse();
  }

  @Test
  void anAdminMayWorkOnEveryCase() {
    assertThat(CaseAccessPolicy.mayWork(staff(StaffRole.ADMIN), waterCase)).isTrue();
  }
}
