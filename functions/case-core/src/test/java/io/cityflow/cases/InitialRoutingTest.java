package io.cityflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InitialRoutingTest {

  @Test
  void queuesHotlineTicketsByCategoryAndTheRestAtTheHotlineCentre() {
    assertThat(InitialRouting.departmentsFor(CaseType.HOTLINE_TICKET, "Water"))
        .containsExactly("WATER_SUPPLY");
    assertThat(InitialRouting.departmentsFor(CaseType.HOTLINE_TICKET, "something else"))
        .containsExactly(InitialRouting.HOTLINE_CENTRE);
  }

  @Test
  void queuesApprovalsAtTheApprovalBureauAndCommunityRequestsAtTheCommunityCentre() {
    assertThat(InitialRouting.departmentsFor(CaseType.APPROVAL_APPLICATION, null))
        .containsExactly("ADMIN_APPROVAL");
    assertThat(InitialRouting.departmentsFor(CaseType.COMMUNITY_SERVICE_REQUEST, "repair"))
        .containsExactly("COMMUNITY_SERVICES");
  }
}
