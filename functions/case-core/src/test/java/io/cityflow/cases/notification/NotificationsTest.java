package io.cityflow.cases.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.BusinessCalendar;
import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.CaseType;
import io.cityflow.cases.Channel;
import io.cityflow.cases.CitizenContact;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.NoticeLanguage;
import io.cityflow.cases.Priority;
import io.cityflow.cases.StaffCases;
import io.cityflow.cases.StaffPrincipal;
import io.cityflow.cases.StaffRole;
import io.cityflow.cases.TimelineEntry;
import io.cityflow.cases.testing.InMemoryCases;
import io.cityflow.cases.testing.RecordingNotifier;
import io.micronaut.json.JsonMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NotificationsTest {
  private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
  private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

  private final InMemoryCases cases = new InMemoryCases();
  private final RecordingNotifier sms = new RecordingNotifier("sms");
  private final List<Notice> sent = sms.sent();
  private final Notifications notifications =
      new Notifications(
          List.of(sms), cases, cases, JsonMapper.createDefault(), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void sendsOnlyEnglishToACaseSubmittedInEnglish() {
    // given
    UUID caseId = caseIn(NoticeLanguage.ENGLISH);

    // when
    notifications.notifyCitizen(
        caseId, "APPLICATION_APPROVED", Map.of("certificateNumber", "C-1"), "job-1");

    // then
    Notice notice = sent.get(0);
    assertThat(notice.subject()).isEqualTo("Your application YC-2026-000042 is approved");
    assertThat(notice.body())
        .startsWith("Your application YC-2026-000042 is approved. Certificate C-1")
        .doesNotContainPattern(CHINESE)
        .doesNotContain("\n\n");
    assertThat(cases.timeline)
        .extracting(TimelineEntry::text)
        .contains("Notice sent by sms: " + notice.subject());
  }

  @Test
  void sendsOnlyChineseToACaseSubmittedInChinese() {
    UUID caseId = caseIn(NoticeLanguage.CHINESE);

    notifications.notifyCitizen(
        caseId, "APPLICATION_APPROVED", Map.of("certificateNumber", "C-1"), "job-1");

    Notice notice = sent.get(0);
    assertThat(notice.subject()).isEqualTo("您的申请 YC-2026-000042 已获批准");
    assertThat(notice.body())
        .isEqualTo("您的申请 YC-2026-000042 已获批准，证书 C-1 可在查询页面下载。")
        .doesNotContain("approved");
  }

  @Test
  void sendsBothLanguagesWhenTheCaseHasNone() {
    UUID caseId = caseIn(null);

    notifications.notifyCitizen(
        caseId, "APPLICATION_APPROVED", Map.of("certificateNumber", "C-1"), "job-1");

    Notice notice = sent.get(0);
    assertThat(notice.subject())
        .isEqualTo("您的申请 YC-2026-000042 已获批准 / Your application YC-2026-000042 is approved");
    assertThat(notice.body().split("\n\n")).hasSize(2);
  }

  @Test
  void followsTheLanguageStaffSetAfterTheCaseWasSubmitted() {
    // given a case without a language, whose notices came in both languages, and whose citizen
    // then asked the hotline for English notices
    CityCase c = cases.ticket("李娜", "13912345678", null);
    notifications.notifyCitizen(
        c.id(), "TICKET_REPLY", Map.of("replyText", "We are on it."), "job-2");
    assertThat(sent.get(0).subject()).containsPattern(CHINESE).contains(" / Reply to your request");
    StaffCases staffCases =
        new StaffCases(
            cases,
            cases,
            null,
            null,
            null,
            new BusinessCalendar(ZoneId.of("Asia/Shanghai"), List.of(), List.of()),
            Clock.fixed(NOW, ZoneOffset.UTC));
    staffCases.changeNoticeLanguage(
        new StaffPrincipal("clerk.urban", Set.of(StaffRole.CLERK), Set.of("URBAN_MANAGEMENT")),
        c.reference().toString(),
        NoticeLanguage.ENGLISH);

    // when the next notice goes out
    notifications.notifyCitizen(
        c.id(), "TICKET_REPLY", Map.of("replyText", "The light is fixed."), "job-3");

    // then it is in English only
    Notice notice = sent.get(1);
    assertThat(notice.subject()).isEqualTo("Reply to your request " + c.reference());
    assertThat(notice.body())
        .isEqualTo(
            "The department has answered your request "
                + c.reference()
                + ": The light is fixed. Please rate the answer on the tracking page.")
        .doesNotContainPattern(CHINESE);
  }

  @Test
  void alertsToServicesStayBilingual() {
    notifications.alert(
        new Recipient("Fire brigade", "119", null),
        null,
        "COMMUNITY_FIRE_ALERT",
        Map.of("location", "Beijing Road 1"),
        "job-2");

    assertThat(sent.get(0).subject()).contains(" / Fire alarm near Beijing Road 1");
  }

  private UUID caseIn(NoticeLanguage language) {
    UUID id = UUID.randomUUID();
    cases.insert(
        new CityCase.Builder()
            .id(id)
            .reference(new CaseReference(2026, 42))
            .type(CaseType.APPROVAL_APPLICATION)
            .channel(Channel.WEB)
            .contact(new CitizenContact("王芳", "13912345678"))
            .subject("Smartphone shop permit")
            .priority(Priority.NORMAL)
            .status(CaseStatus.IN_PROGRESS)
            .submittedAt(NOW)
            .updatedAt(NOW)
            .language(language)
            .build());
    return id;
  }
}
