package io.cityflow.cases;

/** A user task joined with its case: one row of the clerk's task list. */
public record ClerkTask(TaskEngine.EngineTask task, CityCase caseFile) {}
