package io.cityflow.cases.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity(value = "department", escape = false)
public record DepartmentRow(
    @Id String code, String nameEn, String nameZh, String kind, boolean active) {}
