package io.cityflow.cases.migration;

/** Instances waiting in {@code sourceElementId} continue in {@code targetElementId}. */
public record ElementMapping(String sourceElementId, String targetElementId) {}
