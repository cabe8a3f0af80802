package io.cityflow.cases;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The clerk's task list: the engine's open user tasks for the clerk's departments (candidate
 * groups), joined with their cases, filtered and sorted by due time; and claim, unclaim and
 * complete. A task outside the clerk's departments answers "not found".
 */
@Singleton
public class ClerkTasks {
  /** How many open tasks one list request reads from the engine before filtering. */
  public static final int ENGINE_WINDOW = 1000;

  private static final String SUPERVISORS_SUFFIX = "_SUPERVISORS";

  private final TaskEngine engine;
  private final CaseStore cases;
  private final TimelineStore timeline;
  private final Clock clock;

  public ClerkTasks(TaskEngine engine, CaseStore cases, TimelineStore timeline, Clock clock) {
    this.engine = engine;
    this.cases = cases;
    this.timeline = timeline;
    this.clock = clock;
  }

  /**
   * One page of the clerk's tasks. Not transactional: it reads once from the engine and once from
   * the database, and a transaction would only add round trips to the busiest call of the API.
   */
  public TaskPage list(StaffPrincipal staff, TaskQuery query) {
    Set<String> groups = groups(staff, query.department());
    if (groups.isEmpty()) {
      return new TaskPage(List.of(), query.page(), query.size(), 0);
    }
    List<TaskEngine.EngineTask> tasks =
        engine.openTasks(groups, query.mine() ? staff.username() : null, ENGINE_WINDOW);
    Map<Long, TaskEngine.EngineTask> taskByInstance =
        tasks.stream()
            .collect(
                Collectors.toMap(
                    TaskEngine.EngineTask::processInstanceKey, Function.identity(), (a, b) -> a));
    boolean plainQueue =
        !query.overdue()
            && !query.dueSoon()
            && query.caseType() == null
            && (query.text() == null || query.text().isBlank())
            && taskByInstance.size() == tasks.size();
    if (plainQueue) {
      // The department queue as such: the database sorts and pages, so only one page of cases
      // is read. Rows the access policy refuses (an inconsistency between the engine's candidate
      // group and the case's departments) are left out of the page.
      List<CityCase> page =
          cases.pageByProcessInstanceKeys(
              taskByInstance.keySet(), query.page() * query.size(), query.size());
      List<ClerkTask> rows =
          page.stream()
              .filter(c -> CaseAccessPolicy.mayWork(staff, c))
              .map(c -> new ClerkTask(taskByInstance.get(c.processInstanceKey()), c))
              .toList();
      // Every open task of the department belongs to a case, so the task count is the total.
      return new TaskPage(rows, query.page(), query.size(), tasks.size());
    }
    Map<Long, CityCase> byInstance =
        cases
            .findByProcessInstanceKeys(
                tasks.stream().map(TaskEngine.EngineTask::processInstanceKey).distinct().toList())
            .stream()
            .collect(
                Collectors.toMap(CityCase::processInstanceKey, Function.identity(), (a, b) -> a));
    Instant now = clock.instant();
    List<ClerkTask> rows =
        tasks.stream()
            .map(t -> new ClerkTask(t, byInstance.get(t.processInstanceKey())))
            .filter(r -> r.caseFile() != null)
            .filter(r -> CaseAccessPolicy.mayWork(staff, r.caseFile()))
            .filter(r -> !query.overdue() || r.caseFile().isOverdue(now))
            .filter(r -> !query.dueSoon() || dueSoon(r.caseFile(), now))
            .filter(r -> query.caseType() == null || r.caseFile().type() == query.caseType())
            .filter(r -> matches(r.caseFile(), query.text()))
            .sorted(
                Comparator.comparing(
                        (ClerkTask r) -> r.caseFile().slaDueAt(),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(r -> r.task().key()))
            .toList();
    int from = Math.min(query.page() * query.size(), rows.size());
    int to = Math.min(from + query.size(), rows.size());
    return new TaskPage(rows.subList(from, to), query.page(), query.size(), rows.size());
  }

  @Transactional
  public ClerkTask claim(StaffPrincipal staff, long taskKey) {
    ClerkTask row = workable(staff, taskKey);
    if (row.task().assignee() != null && !row.task().assignee().equals(staff.username())) {
      throw new CaseRuleViolation("task", "already claimed by " + row.task().assignee());
    }
    engine.assign(taskKey, staff.username());
    note(row, staff, TimelineEvent.TASK_CLAIMED, "Claimed \"" + row.task().name() + "\"");
    return refreshed(row);
  }

  @Transactional
  public ClerkTask unclaim(StaffPrincipal staff, long taskKey) {
    ClerkTask row = workable(staff, taskKey);
    boolean own = staff.username().equals(row.task().assignee());
    if (!own && !staff.has(StaffRole.SUPERVISOR) && !staff.has(StaffRole.ADMIN)) {
      throw new AccessDenied("only the assignee or a supervisor may release this task");
    }
    engine.unassign(taskKey);
    note(row, staff, TimelineEvent.TASK_CLAIMED, "Released \"" + row.task().name() + "\"");
    return refreshed(row);
  }

  /** Completes a task the clerk has claimed, after checking the data against the task's form. */
  @Transactional
  public ClerkTask complete(StaffPrincipal staff, long taskKey, Map<String, Object> variables) {
    ClerkTask row = workable(staff, taskKey);
    if (!staff.username().equals(row.task().assignee())) {
      throw new CaseRuleViolation("task", "claim the task before completing it");
    }
    engine
        .form(taskKey)
        .map(
            form ->
                form.check(
                    variables,
                    Map.of("caseType", row.caseFile().type().name()),
                    FormSchema.prefixed("variables.")))
        .filter(problems -> !problems.isEmpty())
        .ifPresent(
            problems -> {
              throw new FormRejected(problems);
            });
    engine.complete(taskKey, variables);
    note(row, staff, TimelineEvent.TASK_COMPLETED, "Completed \"" + row.task().name() + "\"");
    return refreshed(row);
  }

  private ClerkTask refreshed(ClerkTask row) {
    return new ClerkTask(engine.task(row.task().key()).orElse(row.task()), row.caseFile());
  }

  private ClerkTask workable(StaffPrincipal staff, long taskKey) {
    TaskEngine.EngineTask task =
        engine
            .task(taskKey)
            .filter(TaskEngine.EngineTask::open)
            .orElseThrow(() -> new CaseNotFound("task " + taskKey));
    CityCase c =
        cases.findByProcessInstanceKeys(List.of(task.processInstanceKey())).stream()
            .findFirst()
            .orElseThrow(() -> new CaseNotFound("task " + taskKey));
    ClerkTask row = new ClerkTask(task, c);
    if (!staffCoversTask(staff, row) || !CaseAccessPolicy.mayWork(staff, c)) {
      throw new CaseNotFound("task " + taskKey);
    }
    return row;
  }

  private static boolean staffCoversTask(StaffPrincipal staff, ClerkTask row) {
    Set<String> groups = taskGroups(staff);
    return staff.has(StaffRole.ADMIN)
        || row.task().candidateGroups().stream().anyMatch(groups::contains);
  }

  /**
   * The candidate groups whose tasks the staff member works: their departments and, for
   * supervisors, each department's {@code <DEPARTMENT>_SUPERVISORS} group, where the processes put
   * escalations.
   */
  private static Set<String> taskGroups(StaffPrincipal staff) {
    Set<String> groups = new HashSet<>(staff.departments());
    if (staff.has(StaffRole.SUPERVISOR) || staff.has(StaffRole.ADMIN)) {
      staff.departments().forEach(d -> groups.add(d + SUPERVISORS_SUFFIX));
    }
    return groups;
  }

  private static Set<String> groups(StaffPrincipal staff, String department) {
    Set<String> groups = taskGroups(staff);
    if (department != null && !department.isBlank()) {
      if (!staff.has(StaffRole.ADMIN) && !groups.contains(department)) {
        throw new AccessDenied("not a department of " + staff.username() + ": " + department);
      }
      return Set.of(department);
    }
    return groups;
  }

  private static boolean dueSoon(CityCase c, Instant now) {
    return c.slaWarnAt() != null && !now.isBefore(c.slaWarnAt()) && !c.isOverdue(now);
  }

  private static boolean matches(CityCase c, String text) {
    if (text == null || text.isBlank()) {
      return true;
    }
    String needle = text.toLowerCase(Locale.ROOT);
    return Objects.toString(c.reference(), "").toLowerCase(Locale.ROOT).contains(needle)
        || Objects.toString(c.subject(), "").toLowerCase(Locale.ROOT).contains(needle)
        || Objects.toString(c.description(), "").toLowerCase(Locale.ROOT).contains(needle)
        || (c.location() != null
            && Objects.toString(c.location().address(), "")
                .toLowerCase(Locale.ROOT)
                .contains(needle));
  }

  private void note(ClerkTask row, StaffPrincipal staff, TimelineEvent event, String text) {
    timeline.append(
        TimelineEntry.of(
            row.caseFile().id(),
            clock.instant(),
            staff.username(),
            TimelineEntry.ActorKind.STAFF,
            event,
            text,
            false));
  }
}
