package io.cityflow.workflows.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.cityflow.workflows.contract.JobTypes;
import io.cityflow.workflows.contract.ProcessIds;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@ProcessUnderTest(ProcessIds.CERTIFICATE_EXPIRY_REMINDERS)
class CertificateExpiryRemindersProcessTest {
  /**
   * The start timer keeps its next due date from one test to the next while each test pins the
   * clock back to now, so each test moves the clock one day further than the test before.
   */
  private static final AtomicInteger DAYS = new AtomicInteger();

  private final ProcessHarness process;

  CertificateExpiryRemindersProcessTest(ProcessHarness process) {
    this.process = process;
  }

  @Test
  void sweepsOnceADayAndEndsWhenTheBatchWasNotFull() {
    // given the day's timer fires
    nextDay();

    // when the sweep reminds fewer holders than a batch
    ActivatedJob job =
        process.completeJob(
            JobTypes.CERTIFICATES_REMIND_EXPIRING, Map.of("remindersSent", 3, "moreDue", false));

    // then the instance ends, and no second sweep starts the same day
    long instance = job.getProcessInstanceKey();
    assertThat(job.getBpmnProcessId()).isEqualTo(ProcessIds.CERTIFICATE_EXPIRY_REMINDERS);
    process.awaitCompleted(instance);
    assertThat(process.takenFlows(instance))
        .containsExactlyInAnyOrder(
            "Flow_DailySweep", "Flow_ToSweep", "Flow_SweepDone", "Flow_AllReminded");
    process.advanceClock(Duration.ofHours(1));
    process.assertNoJob(JobTypes.CERTIFICATES_REMIND_EXPIRING);
  }

  @Test
  void sweepsAgainWhileTheBatchWasFull() {
    // given the day's timer fires
    nextDay();

    // when the first sweep fills its batch and the second does not
    ActivatedJob first =
        process.completeJob(
            JobTypes.CERTIFICATES_REMIND_EXPIRING, Map.of("remindersSent", 500, "moreDue", true));
    ActivatedJob second =
        process.completeJob(
            JobTypes.CERTIFICATES_REMIND_EXPIRING, Map.of("remindersSent", 12, "moreDue", false));

    // then both ran in the one instance, which ends after the second
    long instance = first.getProcessInstanceKey();
    assertThat(second.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(second.getKey()).isNotEqualTo(first.getKey());
    process.awaitCompleted(instance);
    assertThat(process.takenFlows(instance))
        .containsExactlyInAnyOrder(
            "Flow_DailySweep",
            "Flow_ToSweep",
            "Flow_SweepDone",
            "Flow_MoreDue",
            "Flow_AllReminded");
    assertThat(process.variables(instance))
        .containsEntry("remindersSent", 12)
        .containsEntry("moreDue", false);
  }

  private void nextDay() {
    process.advanceClock(Duration.ofDays(DAYS.incrementAndGet()).plusMinutes(1));
  }
}
