package io.cityflow.cases;

/** What a citizen (or a device) submits. Validated for shape by the API before it gets here. */
public record SubmitCase(
    CaseType type,
    Channel channel,
    CitizenContact contact,
    String subject,
    String description,
    String category,
    Location location,
    Priority priority,
    String formDataJson) {}
