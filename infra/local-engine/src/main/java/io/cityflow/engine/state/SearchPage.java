package io.cityflow.engine.state;

import java.util.List;

/** The rows of one page and how many rows matched in total. */
public record SearchPage<T>(List<T> items, long total) {}
