package io.cityflow.cases;

/** A city department: a queue of cases and a candidate group of user tasks. */
public record Department(String code, String nameEn, String nameZh, String kind) {}
