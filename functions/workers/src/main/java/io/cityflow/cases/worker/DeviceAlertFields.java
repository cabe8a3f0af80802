package io.cityflow.cases.worker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The alarm facts that the emergency notices quote, taken from the job's variables. */
final class DeviceAlertFields {
  private static final List<String> NAMES =
      List.of("reference", "deviceId", "deviceType", "alarmType", "location", "zone");

  private DeviceAlertFields() {}

  static Map<String, String> of(Job job) {
    Map<String, String> fields = new HashMap<>();
    for (String name : NAMES) {
      String value = job.optionalString(name);
      if (value != null) {
        fields.put(name, value);
      }
    }
    return fields;
  }
}
