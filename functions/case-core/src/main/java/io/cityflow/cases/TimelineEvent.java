package io.cityflow.cases;

/** The kinds of timeline entry. */
public enum TimelineEvent {
  SUBMITTED,
  STATUS_CHANGED,
  COMMENTED,
  TRANSFERRED,
  INFORMATION_REQUESTED,
  INFORMATION_PROVIDED,
  ATTACHMENT_ADDED,
  RESOLVED,
  RATED,
  REOPENED,
  TASK_CLAIMED,
  TASK_COMPLETED,
  /** The case's permit certificate was revoked (docs/adr/0022). */
  CERTIFICATE_REVOKED,
  /** Staff set the language the citizen gets notices in (docs/adr/0023, addendum). */
  NOTICE_LANGUAGE_CHANGED
}
