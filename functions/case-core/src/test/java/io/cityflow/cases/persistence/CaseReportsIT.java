package io.cityflow.cases.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseReports;
import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CaseType;
import io.cityflow.cases.Channel;
import io.cityflow.cases.CitizenContact;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.Priority;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class CaseReportsIT {
  private static final Instant NOW = Instant.parse("2026-06-01T04:00:00Z");
  private long number = 100;

  private CityCase store(
      CaseStore store, String dept, CaseStatus status, Duration dueIn, Instant resolvedAt) {
    number++;
    return store.insert(
        new CityCase.Builder()
            .id(UUID.randomUUID())
            .reference(new CaseReference(2026, number))
            .type(CaseType.HOTLINE_TICKET)
            .channel(Channel.WEB)
            .contact(new CitizenContact("A", "13800000000"))
            .subject("s" + number)
            .departments(List.of(dept))
            .priority(Priority.NORMAL)
            .status(status)
            .trackingCodeHash("h")
            .submittedAt(NOW.minus(Duration.ofDays(3)))
            .updatedAt(NOW)
            .slaDueAt(NOW.plus(dueIn))
            .slaWarnAt(NOW.plus(dueIn).minus(Duration.ofHours(2)))
            .resolvedAt(resolvedAt)
            .build());
  }

  @Test
  void countsListsAndRatesTheDepartmentsCases(PostgresDatabase database) {
    try (ApplicationContext app = ApplicationContext.run(CaseDatabase.config(database))) {
      // given
      CaseStore store = app.getBean(CaseStore.class);
      CityCase overdue =
          store(store, "WATER_SUPPLY", CaseStatus.IN_PROGRESS, Duration.ofHours(-5), null);
      CityCase atRisk = store(store, "WATER_SUPPLY", CaseStatus.ROUTED, Duration.ofHours(1), null);
      store(store, "WATER_SUPPLY", CaseStatus.ROUTED, Duration.ofDays(2), null);
      store(
          store,
          "WATER_SUPPLY",
          CaseStatus.CLOSED,
          Duration.ofHours(1),
          NOW.minus(Duration.ofHours(1)));
      store(store, "WATER_SUPPLY", CaseStatus.CLOSED, Duration.ofHours(-3), NOW);
      store(store, "TRAFFIC_POLICE", CaseStatus.IN_PROGRESS, Duration.ofHours(-5), null);
      CaseReports reports = app.getBean(CaseReports.class);
      List<String> water = List.of("WATER_SUPPLY");

      // when / then
      assertThat(reports.countsByDepartmentAndStatus(water))
          .containsExactlyInAnyOrder(
              new CaseReports.StatusCount("WATER_SUPPLY", CaseStatus.IN_PROGRESS, 1),
              new CaseReports.StatusCount("WATER_SUPPLY", CaseStatus.ROUTED, 2),
              new CaseReports.StatusCount("WATER_SUPPLY", CaseStatus.CLOSED, 2));
      assertThat(reports.overdue(water, NOW, 10))
          .extracting(CityCase::id)
          .containsExactly(overdue.id());
      assertThat(reports.atRisk(water, NOW, 10))
          .extracting(CityCase::id)
          .containsExactly(atRisk.id());
      CaseReports.Compliance compliance = reports.compliance(water, NOW);
      assertThat(compliance.resolvedOnTime()).isEqualTo(1);
      assertThat(compliance.resolvedLate()).isEqualTo(1);
      assertThat(compliance.openOverdue()).isEqualTo(1);
      assertThat(compliance.rate()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
    }
  }
}
