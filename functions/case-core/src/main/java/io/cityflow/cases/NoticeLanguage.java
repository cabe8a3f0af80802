package io.cityflow.cases;

import java.util.Optional;

/**
 * The language a citizen reads the city's notices in, chosen on the page they submitted the case
 * from. A case without one (submitted before it was recorded, or by a partner that does not say)
 * gets every notice in both languages.
 */
public enum NoticeLanguage {
  CHINESE("zh-CN"),
  ENGLISH("en");

  private final String tag;

  NoticeLanguage(String tag) {
    this.tag = tag;
  }

  /** The BCP 47 tag, as the pages, the API and the database spell it. */
  public String tag() {
    return tag;
  }

  /** The language with exactly this tag, or empty for any other text (including null). */
  public static Optional<NoticeLanguage> ofTag(String tag) {
    for (NoticeLanguage l : values()) {
      if (l.tag.equals(tag)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
