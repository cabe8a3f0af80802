package io.cityflow.cases;

import static io.cityflow.cases.CaseStatus.CANCELLED;
import static io.cityflow.cases.CaseStatus.CLOSED;
import static io.cityflow.cases.CaseStatus.IN_PROGRESS;
import static io.cityflow.cases.CaseStatus.REJECTED;
import static io.cityflow.cases.CaseStatus.REOPENED;
import static io.cityflow.cases.CaseStatus.RESOLVED;
import static io.cityflow.cases.CaseStatus.ROUTED;
import static io.cityflow.cases.CaseStatus.SUBMITTED;
import static io.cityflow.cases.CaseStatus.TRANSFERRED;
import static io.cityflow.cases.CaseStatus.WAITING_FOR_CITIZEN;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The explicit table of status moves. Anything not listed is an {@link IllegalTransition}. */
public final class CaseTransitions {

  private static final Map<CaseStatus, Set<CaseStatus>> ALLOWED = new EnumMap<>(CaseStatus.class);

  static {
    ALLOWED.put(SUBMITTED, EnumSet.of(ROUTED, TRANSFERRED, REJECTED, CANCELLED));
    ALLOWED.put(
        ROUTED,
        EnumSet.of(IN_PROGRESS, WAITING_FOR_CITIZEN, TRANSFERRED, RESOLVED, REJECTED, CANCELLED));
    ALLOWED.put(
        TRANSFERRED, EnumSet.of(ROUTED, IN_PROGRESS, TRANSFERRED, REJECTED, CANCELLED, RESOLVED));
    ALLOWED.put(
        IN_PROGRESS, EnumSet.of(WAITING_FOR_CITIZEN, TRANSFERRED, RESOLVED, REJECTED, CANCELLED));
    ALLOWED.put(WAITING_FOR_CITIZEN, EnumSet.of(IN_PROGRESS, CLOSED, REJECTED, CANCELLED));
    ALLOWED.put(RESOLVED, EnumSet.of(CLOSED, REOPENED));
    ALLOWED.put(
        REOPENED, EnumSet.of(IN_PROGRESS, WAITING_FOR_CITIZEN, TRANSFERRED, RESOLVED, CANCELLED));
    ALLOWED.put(CLOSED, EnumSet.noneOf(CaseStatus.class));
    ALLOWED.put(REJECTED, EnumSet.noneOf(CaseStatus.class));
    ALLOWED.put(CANCELLED, EnumSet.noneOf(CaseStatus.class));
  }

  /**
   * Statuses a path may pass through on its way: plain progress only. Waiting for the citizen,
   * transfers, reopening and the final statuses mean something happened and are never implied.
   */
  private static final Set<CaseStatus> PASSABLE = EnumSet.of(ROUTED, IN_PROGRESS, RESOLVED);

  private CaseTransitions() {}

  public static boolean isAllowed(CaseStatus from, CaseStatus to) {
    return ALLOWED.get(from).contains(to);
  }

  /** The statuses a case in {@code from} may move to. */
  public static Set<CaseStatus> allowedFrom(CaseStatus from) {
    return Set.copyOf(ALLOWED.get(from));
  }

  /**
   * The shortest sequence of allowed moves from {@code from} to {@code to} (without {@code from});
   * empty when {@code to} cannot be reached. The workflow uses it to report milestones that skip
   * intermediate statuses (an approval goes from submitted straight to "in review").
   */
  public static List<CaseStatus> path(CaseStatus from, CaseStatus to) {
    Map<CaseStatus, CaseStatus> previous = new EnumMap<>(CaseStatus.class);
    Deque<CaseStatus> queue = new ArrayDeque<>(List.of(from));
    while (!queue.isEmpty()) {
      CaseStatus current = queue.poll();
      if (current == to) {
        LinkedList<CaseStatus> steps = new LinkedList<>();
        for (CaseStatus s = to; s != from; s = previous.get(s)) {
          steps.addFirst(s);
        }
        return List.copyOf(steps);
      }
      for (CaseStatus next : ALLOWED.get(current)) {
        boolean usable = next == to || PASSABLE.contains(next);
        if (usable && next != from && !previous.containsKey(next)) {
          previous.put(next, current);
          queue.add(next);
        }
      }
    }
    return List.of();
  }

  /** Throws {@link IllegalTransition} unless the move is in the table. */
  public static void check(CaseStatus from, CaseStatus to) {
    if (!isAllowed(from, to)) {
      throw new IllegalTransition(from, to);
    }
  }
}
