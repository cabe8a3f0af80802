package io.cityflow.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cityflow.cases.testing.InMemoryCases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Staff set the citizen's notice language (docs/adr/0023, addendum). */
class StaffNoticeLanguageTest {
  private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
  private static final StaffPrincipal URBAN_CLERK =
      new StaffPrincipal("clerk.urban", Set.of(StaffRole.CLERK), Set.of("URBAN_MANAGEMENT"));

  private final InMemoryCases cases = new InMemoryCases();
  // The outbox, directory and attachments are not used by this action: a language change starts
  // no workflow message.
  private final StaffCases staffCases =
      new StaffCases(
          cases,
          cases,
          null,
          null,
          null,
          new BusinessCalendar(ZoneId.of("Asia/Shanghai"), List.of(), List.of()),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void setsTheLanguageAndSaysSoOnTheCitizensTimeline() {
    // given a case whose language nobody knows
    CityCase c = cases.ticket("李娜", "13912345678", null);

    // when the clerk sets English
    StaffView view =
        staffCases.changeNoticeLanguage(
            URBAN_CLERK, c.reference().toString(), NoticeLanguage.ENGLISH);

    // then
    assertThat(cases.findById(c.id()).orElseThrow().language()).isEqualTo(NoticeLanguage.ENGLISH);
    assertThat(cases.findById(c.id()).orElseThrow().updatedAt()).isEqualTo(NOW);
    assertThat(view.caseFile().language()).isEqualTo(NoticeLanguage.ENGLISH);
    assertThat(view.timeline())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.event()).isEqualTo(TimelineEvent.NOTICE_LANGUAGE_CHANGED);
              assertThat(e.text()).isEqualTo("Notice language set to English (was both languages)");
              assertThat(e.actor()).isEqualTo("clerk.urban");
              assertThat(e.actorKind()).isEqualTo(TimelineEntry.ActorKind.STAFF);
              assertThat(e.visibleToCitizen()).isTrue();
              assertThat(e.at()).isEqualTo(NOW);
            });
  }

  @Test
  void namesTheLanguageItReplaces() {
    CityCase c = cases.ticket("王芳", "13800001111", null);
    String reference = c.reference().toString();
    staffCases.changeNoticeLanguage(URBAN_CLERK, reference, NoticeLanguage.ENGLISH);

    staffCases.changeNoticeLanguage(URBAN_CLERK, reference, NoticeLanguage.CHINESE);

    assertThat(cases.timelineTexts(c.id()))
        .containsExactly(
            "Notice language set to English (was both languages)",
            "Notice language set to Chinese (was English)");
    assertThat(cases.findById(c.id()).orElseThrow().language()).isEqualTo(NoticeLanguage.CHINESE);
  }

  @Test
  void settingTheSameLanguageAgainChangesNothing() {
    // given a case in Chinese
    CityCase c =
        cases.update(
            cases.ticket("李娜", "13912345678", null).toBuilder()
                .language(NoticeLanguage.CHINESE)
                .build());

    // when
    StaffView view =
        staffCases.changeNoticeLanguage(
            URBAN_CLERK, c.reference().toString(), NoticeLanguage.CHINESE);

    // then
    assertThat(cases.findById(c.id()).orElseThrow()).isEqualTo(c);
    assertThat(cases.timeline).isEmpty();
    assertThat(view.caseFile()).isEqualTo(c);
  }

  @Test
  void aClerkOfAnotherDepartmentFindsNoSuchCaseAndChangesNothing() {
    CityCase c = cases.ticket("李娜", "13912345678", null);
    StaffPrincipal waterClerk =
        new StaffPrincipal("clerk.water", Set.of(StaffRole.CLERK), Set.of("WATER_SUPPLY"));

    assertThatThrownBy(
            () ->
                staffCases.changeNoticeLanguage(
                    waterClerk, c.reference().toString(), NoticeLanguage.ENGLISH))
        .isInstanceOf(CaseNotFound.class);
    assertThat(cases.findById(c.id()).orElseThrow()).isEqualTo(c);
    assertThat(cases.timeline).isEmpty();
  }

  @Test
  void noLanguageIsARuleViolationOnLanguage() {
    CityCase c = cases.ticket("李娜", "13912345678", null);

    assertThatThrownBy(
            () -> staffCases.changeNoticeLanguage(URBAN_CLERK, c.reference().toString(), null))
        .isInstanceOfSatisfying(
            CaseRuleViolation.class, e -> assertThat(e.field()).isEqualTo("language"));
    assertThat(cases.findById(c.id()).orElseThrow()).isEqualTo(c);
    assertThat(cases.timeline).isEmpty();
  }
}
