package io.cityflow.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

final class CaseFixtures {
  private CaseFixtures() {}

  static CityCase hotlineTicket() {
    Instant at = Instant.parse("2026-03-02T01:00:00Z");
    return new CityCase.Builder()
        .id(UUID.randomUUID())
        .reference(new CaseReference(2026, 1))
        .type(CaseType.HOTLINE_TICKET)
        .channel(Channel.WEB)
        .contact(new CitizenContact("张伟", "13812345678"))
        .subject("Burst water pipe")
        .description("Water is running down Beijing Road")
        .category("water")
        .location(new Location("Beijing Road 1, Jinfeng", 38.48, 106.23))
        .departments(List.of("WATER_SUPPLY"))
        .priority(Priority.NORMAL)
        .status(CaseStatus.SUBMITTED)
        .formDataJson("{}")
        .trackingCodeHash("x")
        .submittedAt(at)
        .updatedAt(at)
        .slaDueAt(at.plusSeconds(3600))
        .slaWarnAt(at.plusSeconds(1800))
        .build();
  }
}
