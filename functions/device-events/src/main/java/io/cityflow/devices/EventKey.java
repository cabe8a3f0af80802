package io.cityflow.devices;

/** Identifies an event for de-duplication: event ids are unique per device. */
public record EventKey(String deviceId, String eventId) {}
