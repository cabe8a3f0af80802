package io.cityflow.engine.runtime;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A published message, buffered until its time to live ends. */
public final class Message extends Entity {
  public String name;
  public String correlationKey;
  public String messageId;
  public Map<String, Object> variables;
  public long expiresAt;

  /** A message correlates at most once per BPMN process id. */
  public Set<String> correlatedProcessIds = new LinkedHashSet<>();
}
