package io.cityflow.cases.opening;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * The alarm that opens a maintenance case, as the device-events function reported it.
 *
 * @param zone the location class of the device (school, hospital, residential, …)
 */
public record DeviceAlarm(
    String deviceId,
    String deviceType,
    String alarmType,
    String zone,
    String location,
    String alertEventId,
    Instant alertedAt,
    @Nullable String cause) {}
