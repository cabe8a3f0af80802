package io.cityflow.cases;

import java.util.List;

/** One page of the task list, sorted by due time. */
public record TaskPage(List<ClerkTask> items, int page, int size, long total) {}
