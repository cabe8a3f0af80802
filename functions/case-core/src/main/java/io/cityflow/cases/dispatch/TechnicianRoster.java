package io.cityflow.cases.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the field technicians and whom each case was given to. */
public interface TechnicianRoster {
  /**
   * The active technicians of a department who cover the zone, or (when none does) those who cover
   * the whole city (zone {@code *}).
   */
  List<Technician> available(String department, String zone);

  Optional<String> assignedTo(UUID caseId);

  /** Records the proposal and moves the technician to the back of the queue. */
  void assign(UUID caseId, String username, Instant at);
}
