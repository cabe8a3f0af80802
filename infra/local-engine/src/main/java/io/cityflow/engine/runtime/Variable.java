package io.cityflow.engine.runtime;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** One variable in one scope; the value is kept both as a Java value and as its JSON text. */
public final class Variable extends Entity {
  public String name;
  public long scopeKey;
  public long processInstanceKey;
  public String json;

  @JsonIgnore public Object value;
}
