package io.cityflow.engine.state;

import io.cityflow.engine.runtime.Entity;
import java.util.function.Function;

/** A stored column: its name, its SQL type and how to read its value from an entity. */
record Column(String name, int sqlType, Function<Entity, Object> value) {}
