package io.cityflow.devices;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo devices of the local stack: {@code perType} of each type, spread over Yinchuan's
 * districts. Their ingest keys are derived from the id ({@link #keyOf}) so that a developer can
 * send events without looking anything up. Never enable them in a real deployment.
 */
public final class DemoDevices {
  private static final String[] ZONES = {
    "xingqing", "jinfeng", "xixia", "yongning", "helan", "lingwu"
  };

  private DemoDevices() {}

  /** The demo device id, e.g. {@code dustbin-0001}. */
  public static String idOf(DeviceType type, int number) {
    return String.format(Locale.ROOT, "%s-%04d", type.wireName(), number);
  }

  /** The demo ingest key of a demo device: {@code demo-key-<deviceId>}. */
  public static String keyOf(String deviceId) {
    return "demo-key-" + deviceId;
  }

  public static List<DeviceRegistration> generate(int perType) {
    List<DeviceRegistration> devices = new ArrayList<>(perType * DeviceType.values().length);
    for (DeviceType type : DeviceType.values()) {
      for (int n = 1; n <= perType; n++) {
        String id = idOf(type, n);
        String zone = ZONES[n % ZONES.length];
        double lat = 38.40 + (n % 97) * 0.002;
        double lon = 106.15 + (n % 89) * 0.003;
        String location =
            String.format(Locale.ROOT, "%s district, %.5f,%.5f", capitalise(zone), lat, lon);
        devices.add(new DeviceRegistration(id, type, location, zone, DeviceKeys.hash(keyOf(id))));
      }
    }
    return devices;
  }

  private static String capitalise(String zone) {
    return Character.toUpperCase(zone.charAt(0)) + zone.substring(1);
  }
}
