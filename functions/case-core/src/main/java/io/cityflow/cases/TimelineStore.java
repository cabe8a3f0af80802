package io.cityflow.cases;

import java.util.List;
import java.util.UUID;

/** Port: the append-only case timeline. */
public interface TimelineStore {
  void append(TimelineEntry entry);

  /** Oldest first. */
  List<TimelineEntry> forCase(UUID caseId);
}
