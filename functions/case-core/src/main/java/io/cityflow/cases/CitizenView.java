package io.cityflow.cases;

import java.util.List;

/** What the citizen may see of their case: the case and the public part of its timeline. */
public record CitizenView(CityCase caseFile, List<TimelineEntry> publicTimeline) {}
