package io.cityflow.workflows.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.UserTask;
import io.cityflow.workflows.contract.JobTypes;
import io.cityflow.workflows.contract.ProcessIds;
import java.util.Map;
import org.junit.jupiter.api.Test;

@ProcessUnderTest(ProcessIds.HOTLINE_CHILD_TICKET)
class HotlineChildTicketProcessTest {
  private final ProcessHarness process;

  HotlineChildTicketProcessTest(ProcessHarness process) {
    this.process = process;
  }

  @Test
  void opensAChildCaseLetsTheDepartmentHandleItAndClosesTheChildCase() {
    // given
    long instance =
        process.start(
            ProcessIds.HOTLINE_CHILD_TICKET,
            Map.of(
                "parentCaseId", "case-parent",
                "leadDepartment", "WATER_SUPPLY",
                "childDepartment", "DRAINAGE",
                "childInstructions", "Check the drain in the yard",
                "slaDueAt", "2030-01-10T09:00:00Z"));
    ActivatedJob open =
        process.completeJob(JobTypes.CASES_OPEN_CHILD_CASE, Map.of("childCaseId", "case-child"));

    // when
    UserTask task =
        process.completeUserTask("Task_HandleChildTicket", Map.of("childSummary", "Drain cleared"));
    ActivatedJob close = process.completeJob(JobTypes.CASES_UPDATE_STATUS);

    // then
    assertThat(open.getVariablesAsMap())
        .containsEntry("parentCaseId", "case-parent")
        .containsEntry("childDepartment", "DRAINAGE");
    assertThat(task.getCandidateGroups()).containsExactly("DRAINAGE");
    assertThat(process.formId(task)).isEqualTo("handle-child-ticket");
    assertThat(close.getVariablesAsMap())
        .containsEntry("caseId", "case-child")
        .containsEntry("status", "CLOSED")
        .containsEntry("outcomeReason", "Drain cleared");
    process.awaitCompleted(instance);
    assertThat(process.variables(instance)).containsEntry("childSummary", "Drain cleared");
  }
}
