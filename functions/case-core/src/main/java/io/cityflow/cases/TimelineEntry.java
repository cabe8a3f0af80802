package io.cityflow.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * One thing that happened to a case. The timeline is append-only: entries are never changed or
 * removed.
 *
 * @param actor who did it: a staff username, {@code citizen}, {@code system} or {@code workflow}
 * @param visibleToCitizen whether the public tracking page shows it
 */
public record TimelineEntry(
    UUID id,
    UUID caseId,
    Instant at,
    String actor,
    ActorKind actorKind,
    TimelineEvent event,
    String text,
    boolean visibleToCitizen) {

  /** What kind of party acted. */
  public enum ActorKind {
    CITIZEN,
    STAFF,
    SYSTEM
  }

  public static TimelineEntry of(
      UUID caseId,
      Instant at,
      String actor,
      ActorKind kind,
      TimelineEvent event,
      String text,
      boolean visibleToCitizen) {
    return new TimelineEntry(
        UUID.randomUUID(), caseId, at, actor, kind, event, text, visibleToCitizen);
  }
}
