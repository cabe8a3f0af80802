package io.cityflow.cases;

import java.util.List;

/** A case as staff of its department see it: everything, with the full timeline. */
public record StaffView(CityCase caseFile, List<TimelineEntry> timeline) {}
