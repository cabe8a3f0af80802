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
import io.cityflow.cases.IdempotencyConflict;
import io.cityflow.cases.Location;
import io.cityflow.cases.NoticeLanguage;
import io.cityflow.cases.Outbox;
import io.cityflow.cases.OutboxEntry;
import io.cityflow.cases.Priority;
import io.cityflow.cases.StaffCases;
import io.cityflow.cases.StaffPrincipal;
import io.cityflow.cases.StaffRole;
import io.cityflow.cases.SubmissionReceipt;
import io.cityflow.cases.SubmitCase;
import io.cityflow.cases.TimelineEvent;
import io.cityflow.cases.TimelineStore;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseIntakeIT {
  private ApplicationContext context;
  private PostgresDatabase database;
  private CaseIntake intake;

  @BeforeAll
  void start(PostgresDatabase database) {
    this.database = database;
    context = ApplicationContext.run(CaseDatabase.config(database));
    intake = context.getBean(CaseIntake.class);
  }

  @AfterAll
  void stop() {
    context.close();
  }

  private static SubmitCase burstPipe(String subject) {
    return new SubmitCase(
        CaseType.HOTLINE_TICKET,
        Channel.WEB,
        new CitizenContact("王芳", "13912345678"),
        subject,
        "Water running down the street",
        "water",
        new Location("Beijing Road 1", 38.48, 106.23),
        Priority.NORMAL,
        "{\"floor\":3}",
        null);
  }

  private long count(String sql) throws Exception {
    try (Connection c = database.connect()) {
      ResultSet rs = c.createStatement().executeQuery(sql);
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void storesTheCaseItsTimelineAndItsStartCommandTogether() {
    // when
    SubmissionReceipt receipt = intake.submit(UUID.randomUUID().toString(), "h1", burstPipe("a"));

    // then
    CityCase stored = context.getBean(CaseStore.class).findById(receipt.caseId()).orElseThrow();
    assertThat(stored.reference()).isEqualTo(receipt.reference());
    assertThat(stored.status()).isEqualTo(CaseStatus.SUBMITTED);
    assertThat(stored.contact()).isEqualTo(new CitizenContact("王芳", "13912345678"));
    assertThat(stored.location().latitude()).isEqualTo(38.48);
    assertThat(stored.departments()).containsExactly("WATER_SUPPLY");
    assertThat(stored.slaDueAt()).isAfter(stored.submittedAt());
    assertThat(stored.trackingCodeHash()).doesNotContain(receipt.trackingCode());
    assertThat(stored.language()).as("no language given: unknown").isNull();
    assertThat(context.getBean(TimelineStore.class).forCase(receipt.caseId()))
        .extracting(e -> e.event())
        .containsExactly(TimelineEvent.SUBMITTED);
    List<OutboxEntry> commands =
        context.getBean(Outbox.class).due(Instant.now().plusSeconds(1), 1000).stream()
            .filter(e -> e.command().caseId().equals(receipt.caseId()))
            .toList();
    assertThat(commands).hasSize(1);
    assertThat(commands.get(0).command().messageName())
        .isEqualTo(io.cityflow.workflows.contract.MessageNames.HOTLINE_TICKET_SUBMITTED);
    assertThat(commands.get(0).command().messageId()).isEqualTo(receipt.caseId().toString());
    assertThat(commands.get(0).command().variables())
        .containsEntry("reference", receipt.reference().toString())
        .containsEntry("department", "WATER_SUPPLY");
  }

  @Test
  void storesTheCitizensNoticeLanguageAsItsTag() throws Exception {
    // given
    SubmitCase base = burstPipe("language");
    SubmitCase inEnglish =
        new SubmitCase(
            base.type(),
            base.channel(),
            base.contact(),
            base.subject(),
            base.description(),
            base.category(),
            base.location(),
            base.priority(),
            base.formDataJson(),
            NoticeLanguage.ENGLISH);

    // when
    SubmissionReceipt receipt = intake.submit(UUID.randomUUID().toString(), "hl", inEnglish);

    // then
    assertThat(context.getBean(CaseStore.class).findById(receipt.caseId()).orElseThrow().language())
        .isEqualTo(NoticeLanguage.ENGLISH);
    try (Connection c = database.connect()) {
      ResultSet rs =
          c.createStatement()
              .executeQuery("select language from city_case where id = '" + receipt.caseId() + "'");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("en");
    }
  }

  @Test
  void aRetryWithTheSameKeyAndRequestAnswersAlikeAndCreatesNothing() throws Exception {
    // given
    String key = UUID.randomUUID().toString();
    SubmissionReceipt first = intake.submit(key, "same", burstPipe("b"));
    long cases = count("select count(*) from city_case");
    long commands = count("select count(*) from outbox_command");

    // when
    SubmissionReceipt again = intake.submit(key, "same", burstPipe("b"));

    // then
    assertThat(again.replayed()).isTrue();
    assertThat(again.reference()).isEqualTo(first.reference());
    assertThat(again.trackingCode()).isEqualTo(first.trackingCode());
    assertThat(count("select count(*) from city_case")).isEqualTo(cases);
    assertThat(count("select count(*) from outbox_command")).isEqualTo(commands);
  }

  @Test
  void theSameKeyWithADifferentRequestIsAConflictThatChangesNothing() throws Exception {
    // given
    String key = UUID.randomUUID().toString();
    intake.submit(key, "one", burstPipe("c"));
    long cases = count("select count(*) from city_case");

    // when / then
    assertThatThrownBy(() -> intake.submit(key, "two", burstPipe("different")))
        .isInstanceOf(IdempotencyConflict.class);
    assertThat(count("select count(*) from city_case")).isEqualTo(cases);
  }

  @Test
  void concurrentSubmissionsGetDistinctReferencesWithoutGaps() throws Exception {
    // given
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<SubmissionReceipt>> futures = new ArrayList<>();

    // when
    for (int i = 0; i < 30; i++) {
      String key = UUID.randomUUID().toString();
      futures.add(pool.submit(() -> intake.submit(key, "h", burstPipe("parallel"))));
    }
    List<Long> numbers = new ArrayList<>();
    for (Future<SubmissionReceipt> f : futures) {
      numbers.add(f.get().reference().number());
    }
    pool.shutdown();

    // then
    assertThat(numbers).doesNotHaveDuplicates();
    long max = count("select max(ref_number) from city_case");
    long all = count("select count(*) from city_case");
    assertThat(max).as("numbers 1..n are all used").isEqualTo(all);
  }

  @Test
  void aClerkRequestsInformationAndTheCitizensAnswerResumesTheClock() {
    // given
    SubmissionReceipt receipt = intake.submit(UUID.randomUUID().toString(), "h", burstPipe("d"));
    StaffPrincipal clerk =
        new StaffPrincipal("clerk", Set.of(StaffRole.CLERK), Set.of("WATER_SUPPLY"));
    StaffCases staff = context.getBean(StaffCases.class);
    String ref = receipt.reference().toString();
    staff.changeStatus(clerk, ref, CaseStatus.ROUTED, null);

    // when
    staff.requestInformation(clerk, ref, "Which floor?");
    CityCase waiting = context.getBean(CaseStore.class).findById(receipt.caseId()).orElseThrow();
    context
        .getBean(CitizenCases.class)
        .provideInformation(ref, receipt.trackingCode(), "Third floor", List.of());

    // then
    CityCase resumed = context.getBean(CaseStore.class).findById(receipt.caseId()).orElseThrow();
    assertThat(waiting.status()).isEqualTo(CaseStatus.WAITING_FOR_CITIZEN);
    assertThat(waiting.slaPausedAt()).isNotNull();
    assertThat(resumed.status()).isEqualTo(CaseStatus.IN_PROGRESS);
    assertThat(resumed.slaPausedAt()).isNull();
    assertThat(resumed.slaDueAt().truncatedTo(ChronoUnit.MILLIS))
        .isAfterOrEqualTo(waiting.slaDueAt().truncatedTo(ChronoUnit.MILLIS));
    assertThat(context.getBean(TimelineStore.class).forCase(receipt.caseId()))
        .extracting(e -> e.event())
        .containsExactly(
            TimelineEvent.SUBMITTED,
            TimelineEvent.STATUS_CHANGED,
            TimelineEvent.INFORMATION_REQUESTED,
            TimelineEvent.INFORMATION_PROVIDED);
  }
}
