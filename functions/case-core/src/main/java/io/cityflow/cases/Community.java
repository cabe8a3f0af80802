package io.cityflow.cases;

/** A smart community (社区) with the district it belongs to. */
public record Community(String code, String nameEn, String nameZh, String district) {}
