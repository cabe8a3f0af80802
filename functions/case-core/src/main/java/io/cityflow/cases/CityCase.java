package io.cityflow.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A citizen's (or a device's) case: the system of record for what was asked, who handles it, and
 * where it stands. Immutable; the behaviour methods return the changed copy.
 *
 * @param departments the responsible departments; the first one leads (joint approvals list more)
 * @param formDataJson the submitted form, as JSON, kept as the citizen sent it
 * @param trackingCodeHash the hash of the citizen's tracking code; the code itself is never stored
 * @param slaPausedAt when the SLA clock was paused, or null while it runs
 * @param processInstanceKey the engine's instance handling the case, once the process reported it
 * @param resolvedAt when the case was last resolved (for SLA compliance)
 * @param language the language the citizen reads notices in, or null when unknown (both are sent)
 */
public record CityCase(
    UUID id,
    CaseReference reference,
    CaseType type,
    Channel channel,
    CitizenContact contact,
    String subject,
    String description,
    String category,
    Location location,
    List<String> departments,
    Priority priority,
    CaseStatus status,
    String outcome,
    String outcomeReason,
    String formDataJson,
    String trackingCodeHash,
    Instant submittedAt,
    Instant updatedAt,
    Instant slaDueAt,
    Instant slaWarnAt,
    Instant slaPausedAt,
    Integer rating,
    String ratingComment,
    Long processInstanceKey,
    Instant resolvedAt,
    NoticeLanguage language) {

  public CityCase {
    departments = departments == null ? List.of() : List.copyOf(departments);
  }

  /** The department that leads the case, or null before routing. */
  public String leadDepartment() {
    return departments.isEmpty() ? null : departments.get(0);
  }

  /** Moves to {@code next}, or throws {@link IllegalTransition}. */
  public CityCase moveTo(CaseStatus next, Instant at) {
    CaseTransitions.check(status, next);
    Builder moved = toBuilder().status(next).updatedAt(at);
    if (next == CaseStatus.RESOLVED) {
      moved.resolvedAt(at);
    }
    return moved.build();
  }

  public boolean isOverdue(Instant now) {
    return !status.isFinal() && slaDueAt != null && slaPausedAt == null && now.isAfter(slaDueAt);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a changed copy; used by the domain services and the persistence mapper. */
  public static final class Builder {
    private UUID id;
    private CaseReference reference;
    private CaseType type;
    private Channel channel;
    private CitizenContact contact;
    private String subject;
    private String description;
    private String category;
    private Location location;
    private List<String> departments;
    private Priority priority;
    private CaseStatus status;
    private String outcome;
    private String outcomeReason;
    private String formDataJson;
    private String trackingCodeHash;
    private Instant submittedAt;
    private Instant updatedAt;
    private Instant slaDueAt;
    private Instant slaWarnAt;
    private Instant slaPausedAt;
    private Integer rating;
    private String ratingComment;
    private Long processInstanceKey;
    private Instant resolvedAt;
    private NoticeLanguage language;

    public Builder() {}

    private Builder(CityCase c) {
      id = c.id;
      reference = c.reference;
      type = c.type;
      channel = c.channel;
      contact = c.contact;
      subject = c.subject;
      description = c.description;
      category = c.category;
      location = c.location;
      departments = c.departments;
      priority = c.priority;
      status = c.status;
      outcome = c.outcome;
      outcomeReason = c.outcomeReason;
      formDataJson = c.formDataJson;
      trackingCodeHash = c.trackingCodeHash;
      submittedAt = c.submittedAt;
      updatedAt = c.updatedAt;
      slaDueAt = c.slaDueAt;
      slaWarnAt = c.slaWarnAt;
      slaPausedAt = c.slaPausedAt;
      rating = c.rating;
      ratingComment = c.ratingComment;
      processInstanceKey = c.processInstanceKey;
      resolvedAt = c.resolvedAt;
      language = c.language;
    }

    public Builder id(UUID v) {
      id = v;
      return this;
    }

    public Builder reference(CaseReference v) {
      reference = v;
      return this;
    }

    public Builder type(CaseType v) {
      type = v;
      return this;
    }

    public Builder channel(Channel v) {
      channel = v;
      return this;
    }

    public Builder contact(CitizenContact v) {
      contact = v;
      return this;
    }

    public Builder subject(String v) {
      subject = v;
      return this;
    }

    public Builder description(String v) {
      description = v;
      return this;
    }

    public Builder category(String v) {
      category = v;
      return this;
    }

    public Builder location(Location v) {
      location = v;
      return this;
    }

    public Builder departments(List<String> v) {
      departments = v;
      return this;
    }

    public Builder priority(Priority v) {
      priority = v;
      return this;
    }

    public Builder status(CaseStatus v) {
      status = v;
      return this;
    }

    public Builder outcome(String v) {
      outcome = v;
      return this;
    }

    public Builder outcomeReason(String v) {
      outcomeReason = v;
      return this;
    }

    public Builder formDataJson(String v) {
      formDataJson = v;
      return this;
    }

    public Builder trackingCodeHash(String v) {
      trackingCodeHash = v;
      return this;
    }

    public Builder submittedAt(Instant v) {
      submittedAt = v;
      return this;
    }

    public Builder updatedAt(Instant v) {
      updatedAt = v;
      return this;
    }

    public Builder slaDueAt(Instant v) {
      slaDueAt = v;
      return this;
    }

    public Builder slaWarnAt(Instant v) {
      slaWarnAt = v;
      return this;
    }

    public Builder slaPausedAt(Instant v) {
      slaPausedAt = v;
      return this;
    }

    public Builder rating(Integer v) {
      rating = v;
      return this;
    }

    public Builder ratingComment(String v) {
      ratingComment = v;
      return this;
    }

    public Builder processInstanceKey(Long v) {
      processInstanceKey = v;
      return this;
    }

    public Builder resolvedAt(Instant v) {
      resolvedAt = v;
      return this;
    }

    public Builder language(NoticeLanguage v) {
      language = v;
      return this;
    }

    public CityCase build() {
      return new CityCase(
          id,
          reference,
          type,
          channel,
          contact,
          subject,
          description,
          category,
          location,
          departments,
          priority,
          status,
          outcome,
          outcomeReason,
          formDataJson,
          trackingCodeHash,
          submittedAt,
          updatedAt,
          slaDueAt,
          slaWarnAt,
          slaPausedAt,
          rating,
          ratingComment,
          processInstanceKey,
          resolvedAt,
          language);
    }
  }
}
