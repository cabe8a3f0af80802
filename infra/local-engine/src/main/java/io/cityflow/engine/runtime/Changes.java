package io.cityflow.engine.runtime;

import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows a batch of commands changed. Repeated writes of one entity collapse into one row
 * operation, and an entity created and removed inside one batch never reaches the database.
 */
public final class Changes {

  /** One kind of stored entity, i.e. one table. */
  public enum Kind {
    DEFINITION,
    FORM,
    DECISION_REQUIREMENTS,
    DECISION,
    INSTANCE,
    VARIABLE,
    JOB,
    USER_TASK,
    SUBSCRIPTION,
    MESSAGE,
    TIMER,
    INCIDENT,
    ELEMENT_INSTANCE
  }

  private final EnumMap<Kind, Map<Long, Entity>> written = new EnumMap<>(Kind.class);
  private final EnumMap<Kind, Map<Long, Entity>> deleted = new EnumMap<>(Kind.class);
  private long nextKey = -1;

  public Changes() {
    for (Kind kind : Kind.values()) {
      written.put(kind, new LinkedHashMap<>());
      deleted.put(kind, new LinkedHashMap<>());
    }
  }

  public void write(Kind kind, Entity entity) {
    written.get(kind).put(entity.key, entity);
  }

  public void delete(Kind kind, Entity entity) {
    written.get(kind).remove(entity.key);
    if (entity.persisted) {
      deleted.get(kind).put(entity.key, entity);
    }
  }

  public Collection<Entity> written(Kind kind) {
    return written.get(kind).values();
  }

  public Collection<Entity> deleted(Kind kind) {
    return deleted.get(kind).values();
  }

  void nextKey(long key) {
    this.nextKey = key;
  }

  /** The key sequence's new high-water mark, or -1 when no key was taken. */
  public long nextKey() {
    return nextKey;
  }

  public boolean isEmpty() {
    return nextKey < 0
        && written.values().stream().allMatch(Map::isEmpty)
        && deleted.values().stream().allMatch(Map::isEmpty);
  }

  /** After a commit: every written row now exists. */
  public void committed() {
    written.values().forEach(rows -> rows.values().forEach(e -> e.persisted = true));
    clear();
  }

  public void clear() {
    written.values().forEach(Map::clear);
    deleted.values().forEach(Map::clear);
    nextKey = -1;
  }
}
