package io.cityflow.cases.persistence;

import io.cityflow.cases.TimelineEntry;
import io.cityflow.cases.TimelineStore;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

@Singleton
class JdbcTimelineStore implements TimelineStore {
  private final TimelineRepository timeline;
  private final CasePersistenceMapper mapper;

  JdbcTimelineStore(TimelineRepository timeline, CasePersistenceMapper mapper) {
    this.timeline = timeline;
    this.mapper = mapper;
  }

  @Override
  public void append(TimelineEntry entry) {
    timeline.save(mapper.toRow(entry));
  }

  @Override
  public List<TimelineEntry> forCase(UUID caseId) {
    return mapper.toTimeline(timeline.findByCaseIdOrderByOccurredAt(caseId));
  }
}
