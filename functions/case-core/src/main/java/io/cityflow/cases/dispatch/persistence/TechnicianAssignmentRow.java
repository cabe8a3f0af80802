package io.cityflow.cases.dispatch.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code technician_assignment}. */
@MappedEntity(value = "technician_assignment", escape = false)
public record TechnicianAssignmentRow(@Id UUID caseId, String username, Instant assignedAt) {}
