package io.cityflow.cases;

/** A community's service station (服务站), which handles its community service requests. */
public record ServiceStation(
    String code, String communityCode, String nameEn, String nameZh, String departmentCode) {}
