package io.cityflow.cases.dispatch;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A field technician of a department, covering one zone (location class) or the whole city.
 *
 * @param zone a location class such as {@code school}, or {@code *} for city-wide
 * @param lastAssignedAt when the technician was last proposed for a case, or null if never
 */
public record Technician(
    String username,
    String displayName,
    String department,
    String zone,
    @Nullable Instant lastAssignedAt) {}
