package io.cityflow.engine.runtime;

/** What a deployment produced for one process or form: the new or the unchanged version. */
public record DeployedResource(ProcessDefinition process, Form form) {}
