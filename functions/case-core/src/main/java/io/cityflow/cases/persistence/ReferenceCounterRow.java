package io.cityflow.cases.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code case_reference_counter}: the last reference number given out in a year. */
@MappedEntity(value = "case_reference_counter", escape = false)
public record ReferenceCounterRow(@Id int refYear, long lastNumber) {}
