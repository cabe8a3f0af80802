package io.cityflow.engine.model;

/**
 * The multi-instance loop of an activity: one inner instance per item of the input collection, one
 * after another or all at once, with an optional output collection and completion condition.
 */
public record MultiInstance(
    boolean sequential,
    Expression inputCollection,
    String inputElement,
    String outputCollection,
    Expression outputElement,
    Expression completionCondition) {}
