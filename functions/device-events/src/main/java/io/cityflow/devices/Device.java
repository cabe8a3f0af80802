package io.cityflow.devices;

import java.time.Instant;

/**
 * A registered device and what is known of it: where it is, and when it was last heard from. {@code
 * lastReadingsAt} is the time of its newest readings event, against which late readings are judged
 * stale.
 */
public record Device(
    String id,
    DeviceType type,
    String location,
    String zone,
    Instant lastSeenAt,
    Instant lastReadingsAt) {}
