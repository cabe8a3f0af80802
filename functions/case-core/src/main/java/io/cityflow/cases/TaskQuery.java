package io.cityflow.cases;

/**
 * The clerk's task-list filters.
 *
 * @param department one of the clerk's departments, or null for all of them
 * @param mine only tasks assigned to the clerk
 * @param overdue only cases past their SLA due time
 * @param dueSoon only cases past their warning time but not yet overdue
 * @param text matched case-insensitively against reference, subject, description and address
 */
public record TaskQuery(
    String department,
    boolean mine,
    boolean overdue,
    boolean dueSoon,
    CaseType caseType,
    String text,
    int page,
    int size) {}
