package io.cityflow.cases.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cityflow.cases.CityCase;
import io.cityflow.cases.notification.Notifications;
import io.cityflow.cases.testing.InMemoryCases;
import io.cityflow.cases.testing.RecordingNotifier;
import io.cityflow.workflows.contract.ErrorCodes;
import io.micronaut.json.JsonMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifyCitizenWorkerTest {
  final InMemoryCases cases = new InMemoryCases();
  final RecordingNotifier sms = new RecordingNotifier("sms");
  final RecordingNotifier email = new RecordingNotifier("email");
  final NotifyCitizenWorker worker =
      new NotifyCitizenWorker(
          new Notifications(
              List.of(email, sms),
              cases,
              cases,
              JsonMapper.createDefault(),
              Clock.fixed(Instant.parse("2026-03-02T03:00:00Z"), ZoneOffset.UTC)));

  @Test
  void sendsTheFilledTemplateByTextMessageFirst() {
    // given
    CityCase c = cases.ticket("李娜", "13800001234", "{\"contactEmail\":\"li@example.cn\"}");

    // when
    Map<String, Object> out =
        worker.handle(
            new Job(
                7L,
                1L,
                "test-process",
                Map.of(
                    "caseId", c.id().toString(),
                    "template", "TICKET_REPLY",
                    "replyText", "The lamp was replaced.")));

    // then
    assertThat(out).isEmpty();
    assertThat(email.sent()).isEmpty();
    assertThat(sms.sent())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.noticeKey()).isEqualTo("job:7");
              assertThat(n.recipient().phone()).isEqualTo("13800001234");
              assertThat(n.body()).contains(c.reference().toString(), "The lamp was replaced.");
            });
    assertThat(cases.timelineTexts(c.id())).anyMatch(t -> t.startsWith("Notice sent by sms"));
  }

  @Test
  void theProcessesQuestionLandsOnThePublicTimelineOnceEvenWhenTheJobRunsAgain() {
    CityCase c = cases.ticket("李娜", "13800001234", "{}");
    Job job =
        new Job(
            9L,
            1L,
            "notify-citizen",
            Map.of(
                "caseId", c.id().toString(),
                "template", "INFORMATION_REQUESTED",
                "question", "Please add a floor plan of the stall."));

    worker.handle(job);
    worker.handle(job);

    assertThat(cases.forCase(c.id()))
        .filteredOn(e -> e.event() == io.cityflow.cases.TimelineEvent.INFORMATION_REQUESTED)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.text()).isEqualTo("Please add a floor plan of the stall.");
              assertThat(e.visibleToCitizen()).isTrue();
            });
  }

  @Test
  void fallsBackToEmailWhenTheTextMessageIsRefused() {
    CityCase c = cases.ticket("李娜", "13800001234", "{\"contactEmail\":\"li@example.cn\"}");
    sms.refuseAll();

    worker.handle(
        new Job(
            8L,
            1L,
            "test-process",
            Map.of("caseId", c.id().toString(), "template", "APPLICATION_EXPIRED")));

    assertThat(email.sent())
        .singleElement()
        .satisfies(n -> assertThat(n.recipient().email()).isEqualTo("li@example.cn"));
  }

  @Test
  void aCitizenWithoutPhoneOrEmailIsTheUnreachableBpmnError() {
    CityCase c = cases.ticket("王伟", null, "{}");

    assertThatThrownBy(
            () ->
                worker.handle(
                    new Job(
                        9L,
                        1L,
                        "test-process",
                        Map.of("caseId", c.id().toString(), "template", "TICKET_REPLY"))))
        .isInstanceOfSatisfying(
            BpmnError.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.CITIZEN_UNREACHABLE));
    assertThat(sms.sent()).isEmpty();
    assertThat(cases.timelineTexts(c.id()))
        .singleElement()
        .asString()
        .contains("could not be notified");
  }

  @Test
  void anUnknownTemplateFailsTheJobInsteadOfBeingCaught() {
    CityCase c = cases.ticket("李娜", "13800001234", "{}");

    assertThatThrownBy(
            () ->
                worker.handle(
                    new Job(
                        10L,
                        1L,
                        "test-process",
                        Map.of("caseId", c.id().toString(), "template", "NOPE"))))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(BpmnError.class);
  }
}
