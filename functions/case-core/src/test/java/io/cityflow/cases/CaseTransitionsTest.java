package io.cityflow.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CaseTransitionsTest {

  @ParameterizedTest
  @CsvSource({
    "SUBMITTED, ROUTED",
    "ROUTED, IN_PROGRESS",
    "IN_PROGRESS, WAITING_FOR_CITIZEN",
    "WAITING_FOR_CITIZEN, IN_PROGRESS",
    "IN_PROGRESS, RESOLVED",
    "RESOLVED, CLOSED",
    "RESOLVED, REOPENED",
    "REOPENED, IN_PROGRESS",
    "IN_PROGRESS, TRANSFERRED",
    "TRANSFERRED, ROUTED",
    "SUBMITTED, REJECTED",
    "ROUTED, CANCELLED"
  })
  void allowsTheLifecycleMoves(CaseStatus from, CaseStatus to) {
    assertThat(CaseTransitions.isAllowed(from, to)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "SUBMITTED, RESOLVED",
    "SUBMITTED, CLOSED",
    "ROUTED, CLOSED",
    "WAITING_FOR_CITIZEN, RESOLVED",
    "IN_PROGRESS, REOPENED",
    "RESOLVED, IN_PROGRESS"
  })
  void refusesMovesThatSkipTheLifecycle(CaseStatus from, CaseStatus to) {
    assertThat(CaseTransitions.isAllowed(from, to)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = CaseStatus.class,
      names = {"CLOSED", "REJECTED", "CANCELLED"})
  void finalStatusesLeadNowhere(CaseStatus status) {
    assertThat(CaseTransitions.allowedFrom(status)).isEmpty();
    assertThat(status.isFinal()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(CaseStatus.class)
  void everyStatusHasPlainWordsForCitizens(CaseStatus status) {
    assertThat(status.plainWords()).isNotBlank().doesNotContain("_");
  }

  @Test
  void anIllegalMoveOfACaseIsAnErrorNamingBothStatuses() {
    // given
    CityCase c = CaseFixtures.hotlineTicket().toBuilder().status(CaseStatus.SUBMITTED).build();

    // when / then
    assertThatThrownBy(() -> c.moveTo(CaseStatus.CLOSED, Instant.now()))
        .isInstanceOf(IllegalTransition.class)
        .hasMessageContaining("SUBMITTED")
        .hasMessageContaining("CLOSED");
  }

  @Test
  void aLegalMoveReturnsTheChangedCaseAndLeavesTheOriginalAlone() {
    // given
    CityCase c = CaseFixtures.hotlineTicket();
    Instant at = Instant.parse("2026-03-02T03:00:00Z");

    // when
    CityCase routed = c.moveTo(CaseStatus.ROUTED, at);

    // then
    assertThat(routed.status()).isEqualTo(CaseStatus.ROUTED);
    assertThat(routed.updatedAt()).isEqualTo(at);
    assertThat(c.status()).isEqualTo(CaseStatus.SUBMITTED);
  }

  @Test
  void findsTheShortestLegalPathForAMilestoneThatSkipsStatuses() {
    assertThat(CaseTransitions.path(CaseStatus.SUBMITTED, CaseStatus.IN_PROGRESS))
        .containsExactly(CaseStatus.ROUTED, CaseStatus.IN_PROGRESS);
    assertThat(CaseTransitions.path(CaseStatus.IN_PROGRESS, CaseStatus.CLOSED))
        .containsExactly(CaseStatus.RESOLVED, CaseStatus.CLOSED);
    assertThat(CaseTransitions.path(CaseStatus.WAITING_FOR_CITIZEN, CaseStatus.CLOSED))
        .containsExactly(CaseStatus.CLOSED);
  }

  @Test
  void findsNoPathOutOfAFinalStatus() {
    assertThat(CaseTransitions.path(CaseStatus.CLOSED, CaseStatus.ROUTED)).isEmpty();
    assertThat(CaseTransitions.path(CaseStatus.REJECTED, CaseStatus.CLOSED)).isEmpty();
  }

  @Test
  void eachSubmittedTypeStartsItsOwnProcessMessage() {
    assertThat(CaseMessages.startMessage(CaseType.HOTLINE_TICKET))
        .isEqualTo("Msg_HotlineTicketSubmitted");
    assertThat(CaseMessages.startMessage(CaseType.APPROVAL_APPLICATION))
        .isEqualTo("Msg_ApprovalApplicationSubmitted");
    assertThat(CaseMessages.startMessage(CaseType.COMMUNITY_SERVICE_REQUEST))
        .isEqualTo("Msg_CommunityRequestSubmitted");
  }
}
