package io.cityflow.cases;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Checks, stores and reads the files of a case. Every file is checked (type by content, size, how
 * many) before the first is stored, so a rejected upload stores nothing; each stored file is
 * recorded in the catalogue and on the timeline in the caller's transaction.
 */
@Singleton
public class CaseAttachments {
  private final AttachmentStore store;
  private final AttachmentCatalog catalog;
  private final TimelineStore timeline;

  public CaseAttachments(AttachmentStore store, AttachmentCatalog catalog, TimelineStore timeline) {
    this.store = store;
    this.catalog = catalog;
    this.timeline = timeline;
  }

  /**
   * Checks the files against {@link AttachmentPolicy}, each problem named as {@code field[index]}.
   *
   * @return the real content type of each file, in order
   */
  public static List<String> check(String field, List<NewAttachment> files) {
    if (files.size() > AttachmentPolicy.MAX_FILES) {
      throw new CaseRuleViolation(
          field, "at most " + AttachmentPolicy.MAX_FILES + " files at a time");
    }
    List<String> types = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      types.add(AttachmentPolicy.check(field + "[" + i + "]", files.get(i).content()));
    }
    return types;
  }

  /** Checks all files, then stores them and notes each on the timeline. */
  public List<CaseAttachment> attach(
      UUID caseId,
      String field,
      List<NewAttachment> files,
      String actor,
      TimelineEntry.ActorKind actorKind,
      Instant now) {
    List<String> types = check(field, files);
    List<CaseAttachment> attached = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      NewAttachment file = files.get(i);
      AttachmentStore.StoredAttachment stored =
          store.put(caseId, file.fileName(), types.get(i), file.content());
      CaseAttachment attachment =
          new CaseAttachment(
              UUID.randomUUID(),
              caseId,
              stored.key(),
              stored.fileName(),
              stored.contentType(),
              stored.size(),
              actor,
              now);
      catalog.add(attachment);
      timeline.append(
          TimelineEntry.of(
              caseId,
              now,
              actor,
              actorKind,
              TimelineEvent.ATTACHMENT_ADDED,
              stored.fileName() + " (" + stored.contentType() + ", " + stored.size() + " bytes)",
              true));
      attached.add(attachment);
    }
    return attached;
  }

  public List<CaseAttachment> list(CityCase c) {
    return catalog.forCase(c.id());
  }

  /** The attachment and its bytes; {@link CaseNotFound} when the case has no such file. */
  public Download download(CityCase c, UUID attachmentId) {
    CaseAttachment attachment =
        catalog
            .find(c.id(), attachmentId)
            .orElseThrow(() -> new CaseNotFound("attachment " + attachmentId));
    byte[] content =
        store
            .get(attachment.storageKey())
            .orElseThrow(() -> new IllegalStateException("attachment without its bytes"));
    return new Download(attachment, content);
  }

  /** An attachment with its content. */
  public record Download(CaseAttachment attachment, byte[] content) {}
}
