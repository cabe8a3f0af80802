package io.cityflow.cases.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity(value = "service_station", escape = false)
public record ServiceStationRow(
    @Id String code, String communityCode, String nameEn, String nameZh, String departmentCode) {}
