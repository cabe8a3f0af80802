package io.cityflow.devices;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of city device that send events; {@link #wireName()} is the value in the event. */
public enum DeviceType {
  DUSTBIN("dustbin"),
  WATER_STATION("water-station"),
  TRAFFIC_LIGHT("traffic-light"),
  SMOKE_SENSOR("smoke-sensor");

  private final String wireName;

  DeviceType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<DeviceType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
