package io.cityflow.cases.testing;

import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CaseType;
import io.cityflow.cases.Channel;
import io.cityflow.cases.CitizenContact;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.Priority;
import io.cityflow.cases.TimelineEntry;
import io.cityflow.cases.TimelineStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Cases and their timeline in memory, for unit tests here and in the modules that use case-core
 * (its test jar holds this package only).
 */
public final class InMemoryCases implements CaseStore, TimelineStore {
  public final Map<UUID, CityCase> cases = new LinkedHashMap<>();
  public final List<TimelineEntry> timeline = new ArrayList<>();
  private long lastNumber;

  /** A routed hotline ticket of a citizen with this phone (null: no phone). */
  public CityCase ticket(String name, String phone, String formDataJson) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.parse("2026-03-02T02:00:00Z");
    CityCase c =
        new CityCase.Builder()
            .id(id)
            .reference(new CaseReference(2026, nextReferenceNumber(2026)))
            .type(CaseType.HOTLINE_TICKET)
            .channel(Channel.WEB)
            .contact(new CitizenContact(name, phone))
            .subject("Broken street light")
            .category("street-light")
            .departments(List.of("URBAN_MANAGEMENT"))
            .priority(Priority.NORMAL)
            .status(CaseStatus.ROUTED)
            .formDataJson(formDataJson)
            .trackingCodeHash("x")
            .submittedAt(now)
            .updatedAt(now)
            .slaDueAt(now.plusSeconds(86_400))
            .slaWarnAt(now.plusSeconds(60_000))
            .build();
    return insert(c);
  }

  public List<String> timelineTexts(UUID caseId) {
    return forCase(caseId).stream().map(TimelineEntry::text).toList();
  }

  @Override
  public CityCase insert(CityCase c) {
    cases.put(c.id(), c);
    return c;
  }

  @Override
  public CityCase update(CityCase c) {
    cases.put(c.id(), c);
    return c;
  }

  @Override
  public Optional<CityCase> findById(UUID id) {
    return Optional.ofNullable(cases.get(id));
  }

  @Override
  public Optional<CityCase> findByReference(CaseReference reference) {
    return cases.values().stream().filter(c -> c.reference().equals(reference)).findFirst();
  }

  @Override
  public List<CityCase> findByProcessInstanceKeys(Collection<Long> keys) {
    return cases.values().stream().filter(c -> keys.contains(c.processInstanceKey())).toList();
  }

  @Override
  public List<CityCase> pageByProcessInstanceKeys(Collection<Long> keys, int offset, int limit) {
    return findByProcessInstanceKeys(keys).stream().skip(offset).limit(limit).toList();
  }

  @Override
  public long nextReferenceNumber(int year) {
    return ++lastNumber;
  }

  @Override
  public void append(TimelineEntry entry) {
    timeline.add(entry);
  }

  @Override
  public List<TimelineEntry> forCase(UUID caseId) {
    return timeline.stream().filter(e -> e.caseId().equals(caseId)).toList();
  }
}
