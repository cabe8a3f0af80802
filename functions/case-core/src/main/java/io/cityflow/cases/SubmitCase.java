package io.cityflow.cases;

import io.micronaut.core.annotation.Nullable;

/**
 * What a citizen (or a device) submits. Validated for shape by the API before it gets here.
 *
 * @param language the language the citizen reads notices in, or null when unknown
 */
public record SubmitCase(
    CaseType type,
    Channel channel,
    CitizenContact contact,
    String subject,
    String description,
    String category,
    Location location,
    Priority priority,
    String formDataJson,
    @Nullable NoticeLanguage language) {}
