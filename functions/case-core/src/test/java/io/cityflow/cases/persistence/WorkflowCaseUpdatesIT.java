package io.cityflow.cases.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cityflow.cases.CaseIntake;
import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CaseType;
import io.cityflow.cases.Channel;
import io.cityflow.cases.CitizenCases;
import io.cityflow.cases.CitizenContact;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.IllegalTransition;
import io.cityflow.cases.Location;
import io.cityflow.cases.Priority;
import io.cityflow.cases.SubmissionReceipt;
import io.cityflow.cases.SubmitCase;
import io.cityflow.cases.TimelineStore;
import io.cityflow.cases.WorkflowCaseUpdates;
import io.cityflow.cases.WorkflowCaseUpdates.StatusUpdate;
import io.cityflow.cases.opening.WorkflowCaseOpenings;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.context.ApplicationContext;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The process's status reports applied to cases stored in PostgreSQL. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowCaseUpdatesIT {
  private ApplicationContext context;
  private WorkflowCaseUpdates updates;
  private CaseStore cases;

  @BeforeAll
  void start(PostgresDatabase database) {
    context = ApplicationContext.run(CaseDatabase.config(database));
    updates = context.getBean(WorkflowCaseUpdates.class);
    cases = context.getBean(CaseStore.class);
  }

  @AfterAll
  void stop() {
    context.close();
  }

  private SubmissionReceipt submit() {
    return context
        .getBean(CaseIntake.class)
        .submit(
            UUID.randomUUID().toString(),
            "h",
            new SubmitCase(
                CaseType.HOTLINE_TICKET,
                Channel.WEB,
                new CitizenContact("王芳", "13912345678"),
                "Burst pipe",
                "Water running down the street",
                "water",
                new Location("Beijing Road 1", 38.48, 106.23),
                Priority.NORMAL,
                "{}",
                null));
  }

  private static StatusUpdate update(
      UUID caseId, CaseStatus status, String outcome, String outcomeReason) {
    return new StatusUpdate(caseId, status, null, outcome, outcomeReason, null);
  }

  @Test
  void aResolutionThatBringsOnlyAReasonKeepsTheReason() {
    UUID caseId = submit().caseId();

    updates.apply(update(caseId, CaseStatus.RESOLVED, null, "Pipe replaced by the crew"));

    CityCase stored = cases.findById(caseId).orElseThrow();
    assertThat(stored.status()).isEqualTo(CaseStatus.RESOLVED);
    assertThat(stored.outcomeReason()).isEqualTo("Pipe replaced by the crew");
    assertThat(stored.outcome()).isNull();
  }

  @Test
  void theOutcomeReportedAfterTheCitizenClosedTheCaseIsStillRecordedOnce() {
    // given a resolved case that the citizen's rating closed before the process reported
    SubmissionReceipt receipt = submit();
    UUID caseId = receipt.caseId();
    updates.apply(update(caseId, CaseStatus.RESOLVED, null, "Pipe replaced"));
    context
        .getBean(CitizenCases.class)
        .rate(receipt.reference().toString(), receipt.trackingCode(), 5, "quick");
    int timelineBefore = context.getBean(TimelineStore.class).forCase(caseId).size();

    // when the process's closing update arrives, twice (a retried job)
    StatusUpdate closing = update(caseId, CaseStatus.CLOSED, "RESOLVED", "Citizen satisfied");
    updates.apply(closing);
    CityCase again = updates.apply(closing);

    // then the outcome is on the case, and nothing moved or was logged twice
    CityCase stored = cases.findById(caseId).orElseThrow();
    assertThat(stored.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(stored.outcome()).isEqualTo("RESOLVED");
    assertThat(stored.outcomeReason()).isEqualTo("Citizen satisfied");
    assertThat(stored.rating()).isEqualTo(5);
    assertThat(again).isEqualTo(stored);
    assertThat(context.getBean(TimelineStore.class).forCase(caseId)).hasSize(timelineBefore);
  }

  @Test
  void anOutcomeDoesNotLetTheStatusBreakTheLifecycle() {
    // given a closed case
    SubmissionReceipt receipt = submit();
    UUID caseId = receipt.caseId();
    updates.apply(update(caseId, CaseStatus.RESOLVED, null, null));
    updates.apply(update(caseId, CaseStatus.CLOSED, "RESOLVED", "Done"));

    // when the process reports a status a closed case cannot take, with an outcome
    assertThatThrownBy(
            () -> updates.apply(update(caseId, CaseStatus.IN_PROGRESS, "OTHER", "Changed")))
        .isInstanceOf(IllegalTransition.class);

    // then nothing changed
    CityCase stored = cases.findById(caseId).orElseThrow();
    assertThat(stored.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(stored.outcome()).isEqualTo("RESOLVED");
    assertThat(stored.outcomeReason()).isEqualTo("Done");
  }

  @Test
  void onlyTheCasesOwnProcessRecordsItsInstanceKeyAndAChildTicketKeepsItsOwn() {
    // given a hotline ticket whose process has reported, and a child ticket opened by the
    // hotline-child-ticket instance 900
    UUID parentId = submit().caseId();
    updates.apply(
        new StatusUpdate(
            parentId, CaseStatus.ROUTED, "WATER_SUPPLY", null, null, 100L, "hotline-ticket"));
    CityCase child =
        context
            .getBean(WorkflowCaseOpenings.class)
            .openChildTicket(
                "job:" + UUID.randomUUID(), parentId, "GARDENS", "Prune the tree", null, 900L);

    // when a called process pauses the parent, and the child's own process resolves the child
    updates.apply(
        new StatusUpdate(
            parentId,
            CaseStatus.WAITING_FOR_CITIZEN,
            null,
            null,
            null,
            200L,
            "request-information"));
    updates.apply(
        new StatusUpdate(
            child.id(), CaseStatus.RESOLVED, null, null, null, 900L, "hotline-child-ticket"));

    // then both statuses moved and each case still points at its own instance
    CityCase parent = cases.findById(parentId).orElseThrow();
    assertThat(parent.status()).isEqualTo(CaseStatus.WAITING_FOR_CITIZEN);
    assertThat(parent.processInstanceKey()).isEqualTo(100L);
    CityCase resolvedChild = cases.findById(child.id()).orElseThrow();
    assertThat(resolvedChild.status()).isEqualTo(CaseStatus.RESOLVED);
    assertThat(resolvedChild.processInstanceKey()).isEqualTo(900L);
  }
}
