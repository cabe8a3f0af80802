package io.cityflow.engine.runtime;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A stored runtime object. It knows whether its row exists yet, so that a batch inserts new rows
 * and updates old ones without asking the database.
 */
public abstract class Entity {
  public long key;

  @JsonIgnore public boolean persisted;
}
