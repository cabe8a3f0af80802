package io.cityflow.engine.runtime;

import java.util.Map;

/** A job as a worker receives it: the job at activation plus the variables it asked for. */
public record ActivatedJob(Job job, Map<String, Object> variables) {}
