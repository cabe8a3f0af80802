package io.cityflow.cases.worker;

import io.cityflow.workers.devices.DeviceRegistry;
import io.cityflow.workers.devices.DeviceRegistry.Device;
import io.cityflow.workflows.contract.JobTypes;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Job type {@value JobTypes#DEVICES_LOOKUP_DEVICE}: reads {@code deviceId} from the device registry
 * and returns it as {@code device}. The device-events function only raises alarms of registered
 * devices, so an unknown device is not a business outcome: the job fails.
 */
@Singleton
class LookupDeviceWorker implements CaseJobWorker {
  private final DeviceRegistry registry;

  LookupDeviceWorker(DeviceRegistry registry) {
    this.registry = registry;
  }

  @Override
  public String jobType() {
    return JobTypes.DEVICES_LOOKUP_DEVICE;
  }

  @Override
  public Map<String, Object> handle(Job job) {
    String deviceId = job.string("deviceId");
    Device d =
        registry
            .find(deviceId)
            .orElseThrow(() -> new IllegalArgumentException("no registered device " + deviceId));
    Map<String, Object> device = new LinkedHashMap<>();
    device.put("deviceId", d.deviceId());
    device.put("type", d.type());
    device.put("location", d.location());
    device.put("zone", d.zone());
    device.put("registeredAt", d.registeredAt().toString());
    if (d.lastSeenAt() != null) {
      device.put("lastSeenAt", d.lastSeenAt().toString());
    }
    device.put("activeAlarms", d.activeAlarms());
    return Map.of("device", device);
  }
}
