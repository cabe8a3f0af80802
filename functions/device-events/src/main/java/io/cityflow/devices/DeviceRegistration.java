package io.cityflow.devices;

/** A device to add to the registry; {@code keyHash} comes from {@link DeviceKeys#hash}. */
public record DeviceRegistration(
    String id, DeviceType type, String location, String zone, String keyHash) {}
