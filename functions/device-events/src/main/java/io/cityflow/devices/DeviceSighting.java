package io.cityflow.devices;

import java.time.Instant;

/**
 * The newest times a batch saw a device at, to move its last-seen clock forward (never back).
 * {@code readingsAt} is {@code null} when the batch had no readings from it.
 */
public record DeviceSighting(String deviceId, Instant seenAt, Instant readingsAt) {}
