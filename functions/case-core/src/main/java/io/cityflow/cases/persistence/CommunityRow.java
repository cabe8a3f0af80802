package io.cityflow.cases.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity(value = "community", escape = false)
public record CommunityRow(@Id String code, String nameEn, String nameZh, String district) {}
