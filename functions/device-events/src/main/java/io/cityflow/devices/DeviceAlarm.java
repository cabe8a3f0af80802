package io.cityflow.devices;

/** An alarm raised by the device itself, e.g. {@code lamp-failure} or {@code smoke}. */
public record DeviceAlarm(String code, Severity severity) {}
