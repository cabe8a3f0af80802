package io.cityflow.cases;

/** A file a citizen or clerk uploads, before it is checked and stored. */
public record NewAttachment(String fileName, byte[] content) {}
