package io.cityflow.cases.dispatch;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/**
 * Proposes who repairs a device: among the department's technicians covering the device's zone
 * (falling back to the city-wide ones), the one proposed least recently, so work spreads evenly. A
 * case keeps its proposal when asked again.
 */
@Singleton
public class TechnicianDispatch {
  private final TechnicianRoster roster;
  private final Clock clock;

  public TechnicianDispatch(TechnicianRoster roster, Clock clock) {
    this.roster = roster;
    this.clock = clock;
  }

  /** The proposed technician's username, or empty when the department has nobody for the zone. */
  @Transactional
  public Optional<String> propose(UUID caseId, String department, String zone) {
    Optional<String> earlier = roster.assignedTo(caseId);
    if (earlier.isPresent()) {
      return earlier;
    }
    Optional<Technician> next =
        roster.available(department, zone).stream()
            .min(
                Comparator.comparing(
                        Technician::lastAssignedAt,
                        Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                    .thenComparing(Technician::username));
    next.ifPresent(t -> roster.assign(caseId, t.username(), clock.instant()));
    return next.map(Technician::username);
  }
}
